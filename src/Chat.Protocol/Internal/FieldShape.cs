using MessagePack;

namespace Chat.Protocol.Internal;

/// <summary>One field of a <see cref="MessageShape"/>: its name and the kind of MessagePack value it must hold.</summary>
internal sealed class FieldShape
{
    private readonly Kind _kind;
    private readonly MessageShape? _element;

    public FieldShape(string name, Type type, bool optional)
    {
        Name = name;
        IsOptional = optional;
        (_kind, _element) = Classify(type);
    }

    private enum Kind
    {
        String,
        Integer,
        Boolean,
        Timestamp,
        StringList,
        ObjectList,
    }

    public string Name { get; }

    /// <summary>Whether a sender may leave the field out (only ever trailing fields are).</summary>
    public bool IsOptional { get; }

    /// <summary>Reads past the field's value, checking that it is present, not nil and of the right kind.</summary>
    public void Check(ref MessagePackReader reader, string path)
    {
        switch (_kind)
        {
            case Kind.String:
                Expect(ref reader, MessagePackType.String, path, "a string");
                reader.Skip();
                break;
            case Kind.Integer:
                Expect(ref reader, MessagePackType.Integer, path, "an integer");
                reader.Skip();
                break;
            case Kind.Boolean:
                Expect(ref reader, MessagePackType.Boolean, path, "true or false");
                reader.Skip();
                break;
            case Kind.Timestamp:
                Expect(ref reader, MessagePackType.Extension, path, "a timestamp");
                if (reader.CreatePeekReader().ReadExtensionFormatHeader().TypeCode != ReservedMessagePackExtensionTypeCode.DateTime)
                {
                    throw MessageSerializer.Violation($"{path}.{Name} must be a timestamp (extension type -1)");
                }

                reader.Skip();
                break;
            case Kind.StringList:
                Expect(ref reader, MessagePackType.Array, path, "an array");
                var strings = reader.ReadArrayHeader();
                for (var i = 0; i < strings; i++)
                {
                    var type = reader.NextMessagePackType;
                    if (type != MessagePackType.String)
                    {
                        throw MessageSerializer.Violation(
                            type == MessagePackType.Nil ? $"{path}.{Name}[{i}] is nil" : $"{path}.{Name}[{i}] must be a string");
                    }

                    reader.Skip();
                }

                break;
            case Kind.ObjectList:
                Expect(ref reader, MessagePackType.Array, path, "an array");
                var objects = reader.ReadArrayHeader();
                var listPath = $"{path}.{Name}";
                for (var i = 0; i < objects; i++)
                {
                    _element!.Check(ref reader, $"{listPath}[{i}]");
                }

                break;
        }
    }

    private void Expect(ref MessagePackReader reader, MessagePackType expected, string path, string what)
    {
        var actual = reader.NextMessagePackType;
        if (actual != expected)
        {
            throw MessageSerializer.Violation(
                actual == MessagePackType.Nil ? $"{path}.{Name} is nil" : $"{path}.{Name} must be {what}");
        }
    }

    private static (Kind Kind, MessageShape? Element) Classify(Type type)
    {
        if (type == typeof(string))
        {
            return (Kind.String, null);
        }

        if (type.IsEnum || type == typeof(int) || type == typeof(long))
        {
            return (Kind.Integer, null);
        }

        if (type == typeof(bool))
        {
            return (Kind.Boolean, null);
        }

        if (type == typeof(DateTime))
        {
            return (Kind.Timestamp, null);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            return element == typeof(string)
                ? (Kind.StringList, null)
                : (Kind.ObjectList, MessageShape.ForObject(element));
        }

        throw new InvalidOperationException($"A message field of type {type} has no wire shape.");
    }
}
