using System.Buffers;
using System.Text;
using MessagePack;

namespace Chat.Protocol.Internal;

/// <summary>
/// Decodes the messages a client receives by the thousand (<see cref="TextPosted"/>,
/// <see cref="UsersJoined"/>, <see cref="UsersLeft"/>, <see cref="PrivateMessage"/>, and the
/// <see cref="Welcome"/> with its user list) in one pass, taking user and room names from the
/// <see cref="NameCache"/>. Both layouts are decoded: a version-1 peer's, which ends before the
/// version-2 optional fields (the rooms, <see cref="PrivateMessage.RecipientAway"/>, the welcome's
/// topic and away users), and this version's, with them.
/// </summary>
/// <remarks>
/// Only a message laid out exactly as this version writes it is decoded here: every field present
/// (or a trailing optional one omitted), of the right kind, every string valid UTF-8, nothing
/// after it. Anything else (an unknown or a rarer type, a nil, a wrong kind, invalid UTF-8, extra
/// fields from a newer peer, bytes this reader cannot make sense of) makes <see cref="TryDecode"/> return <see langword="false"/>, and
/// <see cref="MessageSerializer.Decode(ReadOnlySequence{byte})"/> decodes the body with its
/// general, checking path, which accepts or rejects it and names the problem. So this path
/// changes how fast a message is decoded, never what it decodes to.
/// </remarks>
internal static class FastPathDecoder
{
    /// <summary>Decodes <paramref name="body"/> when it is one of the common messages, well formed.</summary>
    /// <param name="body">A frame's body.</param>
    /// <param name="message">The message, when this returns <see langword="true"/>.</param>
    /// <returns>Whether the message was decoded here; otherwise the general path must decode it.</returns>
    public static bool TryDecode(in ReadOnlySequence<byte> body, out ChatMessage? message)
    {
        message = null;

        // A message is [id, [fields]]: 0x92, then the id as a positive fixint. Look before building a reader.
        if (body.Length < 2)
        {
            return false;
        }

        var head = body.FirstSpan;
        if (head.Length < 2)
        {
            Span<byte> gathered = stackalloc byte[2];
            body.Slice(0, 2).CopyTo(gathered);
            return TryDecodeCommon(body, gathered[0], gathered[1], out message);
        }

        return TryDecodeCommon(body, head[0], head[1], out message);
    }

    private static bool TryDecodeCommon(in ReadOnlySequence<byte> body, byte first, byte id, out ChatMessage? message)
    {
        message = null;
        if (first != 0x92 || !IsCommon(id))
        {
            return false;
        }

        var reader = new MessagePackReader(body);
        try
        {
            if (reader.NextMessagePackType != MessagePackType.Array
                || reader.ReadArrayHeader() != 2
                || reader.NextMessagePackType != MessagePackType.Integer)
            {
                return false;
            }

            ChatMessage? decoded = reader.ReadInt32() switch
            {
                MessageIds.TextPosted => ReadTextPosted(ref reader),
                MessageIds.UsersJoined => ReadUsersJoined(ref reader),
                MessageIds.UsersLeft => ReadUsersLeft(ref reader),
                MessageIds.PrivateMessage => ReadPrivateMessage(ref reader),
                MessageIds.Welcome => ReadWelcome(ref reader),
                _ => null,
            };

            if (decoded is null || !reader.End)
            {
                return false;
            }

            message = decoded;
            return true;
        }
        catch (Exception ex) when (MessageSerializer.IsDecodingFailure(ex))
        {
            // Malformed: the general path decodes it again and reports exactly what is wrong.
            return false;
        }
    }

    private static bool IsCommon(byte id) =>
        id is MessageIds.TextPosted or MessageIds.UsersJoined or MessageIds.UsersLeft or MessageIds.PrivateMessage or MessageIds.Welcome;

    private static TextPosted? ReadTextPosted(ref MessagePackReader reader)
    {
        var fields = ReadFields(ref reader, required: 4, all: 6);
        return fields < 0 ? null : ReadTextPostedFields(ref reader, fields);
    }

    private static TextPosted? ReadTextPostedFields(ref MessagePackReader reader, int fields)
    {
        if (!TryReadLong(ref reader, out var id)
            || !TryReadName(ref reader, out var author)
            || !TryReadString(ref reader, out var text)
            || !TryReadTimestamp(ref reader, out var timestamp))
        {
            return null;
        }

        // The optional fields, each present only when all before it are: Kind, then (version 2) Room.
        var room = string.Empty;
        if (!TryReadKind(ref reader, present: fields >= 5, out var kind)
            || (fields >= 6 && !TryReadName(ref reader, out room)))
        {
            return null;
        }

        return new TextPosted(id, author, text, timestamp) { Kind = kind, Room = room };
    }

    /// <summary>Reads the optional field of a line that follows its timestamp, its <see cref="TextKind"/>; <see cref="TextKind.Plain"/> when it is not <paramref name="present"/>.</summary>
    private static bool TryReadKind(ref MessagePackReader reader, bool present, out TextKind kind)
    {
        kind = TextKind.Plain;
        if (!present)
        {
            return true;
        }

        if (!TryReadInt(ref reader, out var value))
        {
            return false;
        }

        kind = (TextKind)value;
        return true;
    }

    private static PrivateMessage? ReadPrivateMessage(ref MessagePackReader reader)
    {
        var fields = ReadFields(ref reader, required: 4, all: 7);
        if (fields < 0
            || !TryReadName(ref reader, out var from)
            || !TryReadName(ref reader, out var to)
            || !TryReadString(ref reader, out var text)
            || !TryReadTimestamp(ref reader, out var timestamp))
        {
            return null;
        }

        var recipientAway = string.Empty;
        var id = 0L;
        if (!TryReadKind(ref reader, present: fields >= 5, out var kind)
            || (fields >= 6 && !TryReadString(ref reader, out recipientAway))
            || (fields >= 7 && !TryReadLong(ref reader, out id)))
        {
            return null;
        }

        return new PrivateMessage(from, to, text, timestamp) { Kind = kind, RecipientAway = recipientAway, Id = id };
    }

    private static UsersJoined? ReadUsersJoined(ref MessagePackReader reader)
    {
        var fields = ReadFields(ref reader, required: 1, all: 2);
        var room = string.Empty;
        return fields < 0
            || !TryReadNames(ref reader, out var names)
            || (fields == 2 && !TryReadName(ref reader, out room))
            ? null
            : new UsersJoined(names) { Room = room };
    }

    private static UsersLeft? ReadUsersLeft(ref MessagePackReader reader)
    {
        var leftFields = ReadFields(ref reader, required: 1, all: 2);
        if (leftFields < 0 || reader.NextMessagePackType != MessagePackType.Array)
        {
            return null;
        }

        var departures = new Departure[reader.ReadArrayHeader()];
        for (var i = 0; i < departures.Length; i++)
        {
            var fields = ReadFields(ref reader, required: 2, all: 3);
            if (fields < 0 || !TryReadName(ref reader, out var name) || !TryReadInt(ref reader, out var reason))
            {
                return null;
            }

            var text = string.Empty;
            if (fields == 3 && !TryReadString(ref reader, out text))
            {
                return null;
            }

            departures[i] = new Departure(name, (LeaveReason)reason) { Text = text };
        }

        var room = string.Empty;
        return leftFields == 2 && !TryReadName(ref reader, out room) ? null : new UsersLeft(departures) { Room = room };
    }

    private static Welcome? ReadWelcome(ref MessagePackReader reader)
    {
        var welcomeFields = ReadFields(ref reader, required: 8, all: 20);
        if (welcomeFields < 0
            || !TryReadInt(ref reader, out var version)
            || !TryReadName(ref reader, out var userName)
            || !TryReadString(ref reader, out var serverName)
            || !TryReadNames(ref reader, out var users)
            || !TryReadString(ref reader, out var messageOfTheDay)
            || reader.NextMessagePackType != MessagePackType.Array)
        {
            return null;
        }

        var recent = new TextPosted[reader.ReadArrayHeader()];
        for (var i = 0; i < recent.Length; i++)
        {
            var fields = ReadFields(ref reader, required: 4, all: 6);
            if (fields < 0 || ReadTextPostedFields(ref reader, fields) is not { } line)
            {
                return null;
            }

            recent[i] = line;
        }

        if (!TryReadInt(ref reader, out var maxText) || !TryReadInt(ref reader, out var maxFrame))
        {
            return null;
        }

        // The optional fields, each present only when all before it are.
        var userCount = 0;
        var rate = 0.0;
        var burst = 0;
        var pingInterval = 0;
        var room = string.Empty;
        var topic = string.Empty;
        string[] awayUsers = [];
        var historyLimit = 0;
        var historyEpoch = string.Empty;
        var isOperator = false;
        var registered = false;
        var registration = false;
        return (welcomeFields < 9 || TryReadInt(ref reader, out userCount))
            && (welcomeFields < 10 || TryReadDouble(ref reader, out rate))
            && (welcomeFields < 11 || TryReadInt(ref reader, out burst))
            && (welcomeFields < 12 || TryReadInt(ref reader, out pingInterval))
            && (welcomeFields < 13 || TryReadName(ref reader, out room))
            && (welcomeFields < 14 || TryReadString(ref reader, out topic))
            && (welcomeFields < 15 || TryReadNames(ref reader, out awayUsers))
            && (welcomeFields < 16 || TryReadInt(ref reader, out historyLimit))
            && (welcomeFields < 17 || TryReadString(ref reader, out historyEpoch))
            && (welcomeFields < 18 || TryReadBool(ref reader, out isOperator))
            && (welcomeFields < 19 || TryReadBool(ref reader, out registered))
            && (welcomeFields < 20 || TryReadBool(ref reader, out registration))
            ? new Welcome(version, userName, serverName, users, messageOfTheDay, recent, maxText, maxFrame)
            {
                UserCount = userCount,
                MessageRate = rate,
                MessageBurst = burst,
                PingIntervalMilliseconds = pingInterval,
                Room = room,
                Topic = topic,
                AwayUsers = awayUsers,
                HistoryLimit = historyLimit,
                HistoryEpoch = historyEpoch,
                Operator = isOperator,
                Registered = registered,
                Registration = registration,
            }
            : null;
    }

    /// <summary>Reads an object's array header; returns its field count when it is between <paramref name="required"/> and <paramref name="all"/>, otherwise -1.</summary>
    private static int ReadFields(ref MessagePackReader reader, int required, int all)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            return -1;
        }

        var count = reader.ReadArrayHeader();
        return count >= required && count <= all ? count : -1;
    }

    private static bool TryReadNames(ref MessagePackReader reader, out string[] names)
    {
        names = [];
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            return false;
        }

        var result = new string[reader.ReadArrayHeader()];
        for (var i = 0; i < result.Length; i++)
        {
            if (!TryReadName(ref reader, out result[i]))
            {
                return false;
            }
        }

        names = result;
        return true;
    }

    private static bool TryReadName(ref MessagePackReader reader, out string name)
    {
        name = string.Empty;
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            return false;
        }

        if (reader.TryReadStringSpan(out var span))
        {
            return NameCache.Shared.TryGet(span, out name);
        }

        // The name straddles two buffer segments: gather it first.
        var bytes = reader.ReadStringSequence()!.Value;
        if (bytes.Length > NameCache.MaxNameBytes)
        {
            if (!Utf8Strings.IsValid(bytes))
            {
                return false;
            }

            name = Encoding.UTF8.GetString(bytes);
            return true;
        }

        Span<byte> gathered = stackalloc byte[NameCache.MaxNameBytes];
        bytes.CopyTo(gathered);
        return NameCache.Shared.TryGet(gathered[..(int)bytes.Length], out name);
    }

    private static bool TryReadString(ref MessagePackReader reader, out string text)
    {
        text = string.Empty;
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            return false;
        }

        return Utf8Strings.TryRead(ref reader, out text);
    }

    private static bool TryReadLong(ref MessagePackReader reader, out long value)
    {
        value = 0;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            return false;
        }

        value = reader.ReadInt64();
        return true;
    }

    private static bool TryReadInt(ref MessagePackReader reader, out int value)
    {
        value = 0;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            return false;
        }

        value = reader.ReadInt32();
        return true;
    }

    private static bool TryReadBool(ref MessagePackReader reader, out bool value)
    {
        value = false;
        if (reader.NextMessagePackType != MessagePackType.Boolean)
        {
            return false;
        }

        value = reader.ReadBoolean();
        return true;
    }

    private static bool TryReadDouble(ref MessagePackReader reader, out double value)
    {
        value = 0;
        if (reader.NextMessagePackType is not (MessagePackType.Float or MessagePackType.Integer))
        {
            return false;
        }

        value = reader.ReadDouble();
        return true;
    }

    private static bool TryReadTimestamp(ref MessagePackReader reader, out DateTime value)
    {
        value = default;
        if (reader.NextMessagePackType != MessagePackType.Extension
            || reader.CreatePeekReader().ReadExtensionFormatHeader().TypeCode != ReservedMessagePackExtensionTypeCode.DateTime)
        {
            return false;
        }

        value = reader.ReadDateTime();
        return true;
    }
}
