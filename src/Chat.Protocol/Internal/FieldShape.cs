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
        Int32,
        Int64,
        Double,
        Boolean,
        Timestamp,
        TimestampOrNil,
        StringList,
        ObjectList,
    }

    public string Name { get; }

    /// <summary>Whether a sender may leave the field out (only ever trailing fields are).</summary>
    public bool IsOptional { get; }

    /// <summary>
    /// Reads past the field's value, checking that it is present, not nil, of the right kind, in
    /// range, and (for a string) valid UTF-8.
    /// </summary>
    /// <exception cref="ChatProtocolException">It is not; the message names the field.</exception>
    public void Check(ref MessagePackReader reader, string path)
    {
        var where = $"{path}.{Name}";
        try
        {
            CheckValue(ref reader, where);
        }
        catch (Exception ex) when (MessageSerializer.IsDecodingFailure(ex))
        {
            throw MessageSerializer.Failure(where, ex);
        }
    }

    private void CheckValue(ref MessagePackReader reader, string where)
    {
        switch (_kind)
        {
            case Kind.String:
                Expect(ref reader, MessagePackType.String, where, "a string");
                CheckString(ref reader, where);
                break;
            case Kind.Int32:
                Expect(ref reader, MessagePackType.Integer, where, "an integer");
                _ = reader.ReadInt32();
                break;
            case Kind.Int64:
                Expect(ref reader, MessagePackType.Integer, where, "an integer");
                _ = reader.ReadInt64();
                break;
            case Kind.Double:
                if (reader.NextMessagePackType != MessagePackType.Integer)
                {
                    Expect(ref reader, MessagePackType.Float, where, "a number");
                }

                _ = reader.ReadDouble();
                break;
            case Kind.Boolean:
                Expect(ref reader, MessagePackType.Boolean, where, "true or false");
                reader.Skip();
                break;
            case Kind.TimestampOrNil when reader.NextMessagePackType == MessagePackType.Nil:
                reader.Skip();
                break;
            case Kind.Timestamp or Kind.TimestampOrNil:
                Expect(ref reader, MessagePackType.Extension, where, "a timestamp");
                if (reader.CreatePeekReader().ReadExtensionFormatHeader().TypeCode != ReservedMessagePackExtensionTypeCode.DateTime)
                {
                    throw MessageSerializer.Violation($"{where} must be a timestamp (extension type -1)");
                }

                try
                {
                    _ = reader.ReadDateTime();
                }
                catch (MessagePackSerializationException ex)
                {
                    throw MessageSerializer.Violation($"{where} is not a timestamp of 4, 8 or 12 bytes", ex);
                }

                break;
            case Kind.StringList:
                Expect(ref reader, MessagePackType.Array, where, "an array");
                var strings = reader.ReadArrayHeader();
                for (var i = 0; i < strings; i++)
                {
                    var element = $"{where}[{i}]";
                    var type = reader.NextMessagePackType;
                    if (type != MessagePackType.String)
                    {
                        throw MessageSerializer.Violation(type == MessagePackType.Nil ? $"{element} is nil" : $"{element} must be a string");
                    }

                    CheckString(ref reader, element);
                }

                break;
            case Kind.ObjectList:
                Expect(ref reader, MessagePackType.Array, where, "an array");
                var objects = reader.ReadArrayHeader();
                for (var i = 0; i < objects; i++)
                {
                    _element!.Check(ref reader, $"{where}[{i}]");
                }

                break;
        }
    }

    private static void CheckString(ref MessagePackReader reader, string where)
    {
        if (!Utf8Strings.SkipValid(ref reader))
        {
            throw MessageSerializer.Violation($"{where} is not valid UTF-8");
        }
    }

    private static void Expect(ref MessagePackReader reader, MessagePackType expected, string where, string what)
    {
        var actual = reader.NextMessagePackType;
        if (actual != expected)
        {
            throw MessageSerializer.Violation(actual == MessagePackType.Nil ? $"{where} is nil" : $"{where} must be {what}");
        }
    }

    private static (Kind Kind, MessageShape? Element) Classify(Type type)
    {
        if (type == typeof(string))
        {
            return (Kind.String, null);
        }

        if (type.IsEnum || type == typeof(int))
        {
            return (Kind.Int32, null);
        }

        if (type == typeof(long))
        {
            return (Kind.Int64, null);
        }

        if (type == typeof(double))
        {
            return (Kind.Double, null);
        }

        if (type == typeof(bool))
        {
            return (Kind.Boolean, null);
        }

        if (type == typeof(DateTime))
        {
            return (Kind.Timestamp, null);
        }

        if (type == typeof(DateTime?))
        {
            return (Kind.TimestampOrNil, null);
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
