using System.Reflection;
using MessagePack;

namespace Chat.Protocol.Internal;

/// <summary>
/// The expected layout of one message type (or nested object) on the wire, read from the record's
/// [Key] properties: its fields by position, which of them are required, and what kind of value each
/// holds. <see cref="Check"/> walks the raw MessagePack before it is deserialized, so that a
/// missing field, a nil or a value of the wrong kind is reported by name ("TextPosted.Timestamp
/// is missing") instead of turning into a null or a default value the application would trip over.
/// </summary>
internal sealed class MessageShape
{
    private static readonly Dictionary<int, MessageShape> s_byId =
        typeof(ChatMessage).GetCustomAttributes<UnionAttribute>().ToDictionary(u => u.Key, u => new MessageShape(u.SubType));

    private MessageShape(Type type)
    {
        // The fields are the [Key] properties in key order; the required ones are those the
        // [SerializationConstructor] takes, always the leading ones.
        Name = type.Name;
        var properties = type.GetProperties()
            .Select(p => (Property: p, Key: p.GetCustomAttribute<KeyAttribute>()))
            .Where(p => p.Key is not null)
            .OrderBy(p => p.Key!.IntKey)
            .Select(p => p.Property)
            .ToList();
        RequiredCount = type.GetConstructors().Single(c => c.IsDefined(typeof(SerializationConstructorAttribute))).GetParameters().Length;
        Fields = [.. properties.Select((p, i) => new FieldShape(p.Name, p.PropertyType, optional: i >= RequiredCount))];
    }

    /// <summary>The type's name, used in error messages.</summary>
    public string Name { get; }

    /// <summary>The fields, in wire order.</summary>
    public IReadOnlyList<FieldShape> Fields { get; }

    /// <summary>How many leading fields a sender must write; the rest may be omitted and take their defaults.</summary>
    public int RequiredCount { get; }

    /// <summary>The shape of the message type with union tag <paramref name="id"/>, or <see langword="null"/> for an unknown id.</summary>
    public static MessageShape? ForId(int id) => s_byId.GetValueOrDefault(id);

    /// <summary>The shape of a nested object type, such as <see cref="Departure"/>.</summary>
    public static MessageShape ForObject(Type type) => new(type);

    /// <summary>
    /// Reads past one object of this shape, checking it. Fields beyond the known ones (sent by a
    /// newer peer) are skipped.
    /// </summary>
    /// <param name="reader">Positioned at the object's array of fields.</param>
    /// <param name="path">Where the object is, for error messages: the message name, or "Welcome.Recent[3]".</param>
    /// <exception cref="ChatProtocolException">The object does not have this shape.</exception>
    public void Check(ref MessagePackReader reader, string path)
    {
        int count;
        try
        {
            if (reader.NextMessagePackType != MessagePackType.Array)
            {
                throw MessageSerializer.Violation($"{path} must be an array of fields");
            }

            count = reader.ReadArrayHeader();
        }
        catch (Exception ex) when (MessageSerializer.IsDecodingFailure(ex))
        {
            throw MessageSerializer.Failure(path, ex);
        }

        for (var i = 0; i < count; i++)
        {
            if (i < Fields.Count)
            {
                Fields[i].Check(ref reader, path);
                continue;
            }

            try
            {
                reader.Skip();
            }
            catch (Exception ex) when (MessageSerializer.IsDecodingFailure(ex))
            {
                throw MessageSerializer.Failure($"{path} field {i}", ex);
            }
        }

        if (count < RequiredCount)
        {
            throw MessageSerializer.Violation($"{path}.{Fields[count].Name} is missing");
        }
    }
}
