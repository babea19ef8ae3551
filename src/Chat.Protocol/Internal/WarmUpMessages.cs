using System.Reflection;
using MessagePack;

namespace Chat.Protocol.Internal;

/// <summary>
/// One message of every type on the wire, its fields filled with small values (one element in
/// each list), made from the types themselves so that a new message is covered without a list
/// to keep: what <see cref="Wire.MessageSerializer.Prepare"/> encodes and decodes.
/// </summary>
internal static class WarmUpMessages
{
    private const int MaxDepth = 4;

    /// <summary>A sample of each type listed in <see cref="ChatMessage"/>'s unions.</summary>
    public static IEnumerable<ChatMessage> OfEveryType()
    {
        foreach (UnionAttribute union in typeof(ChatMessage).GetCustomAttributes(typeof(UnionAttribute), inherit: false))
        {
            if (Create(union.SubType, 0) is ChatMessage message)
            {
                yield return message;
            }
        }
    }

    private static object? Create(Type type, int depth)
    {
        if (type == typeof(string))
        {
            return "x";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Create(underlying, depth);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsPrimitive)
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(DateTime))
        {
            return DateTime.UnixEpoch;
        }

        if (ElementType(type) is { } element)
        {
            var list = Array.CreateInstance(element, depth < MaxDepth ? 1 : 0);
            if (list.Length == 1)
            {
                list.SetValue(Create(element, depth + 1), 0);
            }

            return list;
        }

        if (depth >= MaxDepth || type.IsAbstract || type.IsInterface)
        {
            return null;
        }

        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        var arguments = constructor.GetParameters().Select(p => Create(p.ParameterType, depth + 1)).ToArray();
        return constructor.Invoke(arguments);
    }

    /// <summary>The element type of an array or of a list interface a message field is declared as.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(IEnumerable<>)
                || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>)))
        {
            return type.GetGenericArguments()[0];
        }

        return null;
    }
}
