using System.Reflection;
using System.Text.RegularExpressions;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;
using MessagePack;

namespace Chat.Protocol.Tests.Messages;

/// <summary>
/// docs/protocol.md is the wire contract other implementers follow: these tests read its tables
/// and check them against the code, so the document cannot drift from what is on the wire.
/// </summary>
public partial class ProtocolDocumentTests
{
    private static readonly Lazy<Dictionary<string, string>> s_sections = new(() => SplitSections(
        File.ReadAllText(RepositoryFiles.PathOf("docs/protocol.md"))));

    private static Dictionary<string, string> Sections => s_sections.Value;

    [Fact]
    public void TheMessageIdTableMatchesMessageIdsExactly()
    {
        var rows = Rows(Sections["4. Message ids"]);

        var expected = typeof(ChatMessage).GetCustomAttributes<UnionAttribute>()
            .Select(u => (u.Key, u.SubType.Name)).OrderBy(r => r.Key);
        Assert.Equal(expected, rows);
        Assert.Equal(MessageIdsTests.Constants.Values.Order(), rows.Select(r => r.Number));
    }

    [Fact]
    public void EveryMessageHasASectionListingItsFieldsInWireOrder()
    {
        foreach (var union in typeof(ChatMessage).GetCustomAttributes<UnionAttribute>())
        {
            var heading = $"`{union.SubType.Name}` ({union.Key})";
            Assert.True(Sections.ContainsKey(heading), $"docs/protocol.md has no section \"### {heading}\".");
            CheckFields(union.SubType, Sections[heading]);
        }

        CheckFields(typeof(Departure), Sections["`Departure` (not a message)"]);
        CheckFields(typeof(RoomInfo), Sections["`RoomInfo` (not a message)"]);
    }

    [Fact]
    public void TheDocumentDescribesNoMessageTheCodeDoesNotDefine()
    {
        var known = typeof(ChatMessage).GetCustomAttributes<UnionAttribute>().Select(u => $"`{u.SubType.Name}` ({u.Key})").ToHashSet();
        var documented = Sections.Keys.Where(k => MessageHeading().IsMatch(k));
        Assert.All(documented, heading => Assert.Contains(heading, known));
    }

    [Theory]
    [InlineData(typeof(TextKind))]
    [InlineData(typeof(RejectReason))]
    [InlineData(typeof(LeaveReason))]
    [InlineData(typeof(ErrorCode))]
    public void EveryEnumTableMatchesTheCode(Type enumType)
    {
        var rows = Rows(Sections[$"`{enumType.Name}`"]);

        var expected = Enum.GetValues(enumType).Cast<object>().Select(v => ((int)v, v.ToString()!));
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void TheHexExampleIsWhatTheSerializerWrites()
    {
        var section = Sections["10. A complete frame, byte by byte"];
        var block = CodeBlock().Match(section);
        Assert.True(block.Success, "Section 10 has no code block with the frame.");

        var message = new TextPosted(42, "alice", "hello", new DateTime(2026, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc)) { Kind = TextKind.Plain, Room = "#lobby" };
        Assert.Equal(Hex.Format(MessageSerializer.ToFrame(message)), Hex.Format(Hex.Parse(block.Groups[1].Value)));
    }

    private static void CheckFields(Type type, string section)
    {
        var fields = type.GetProperties()
            .Select(p => (p.Name, Key: p.GetCustomAttribute<KeyAttribute>()?.IntKey))
            .Where(p => p.Key is not null)
            .OrderBy(p => p.Key)
            .ToList();
        var required = type.GetConstructors().Single(c => c.IsDefined(typeof(SerializationConstructorAttribute))).GetParameters().Length;
        var rows = Rows(section);
        Assert.Equal(fields.Select((p, i) => (i, p.Name)), rows);

        var optional = section.Split('\n').Where(line => line.StartsWith('|') && line.Contains("*optional*", StringComparison.Ordinal))
            .Select(line => line.Split('|')[2].Trim().Trim('`'));
        Assert.Equal(fields.Skip(required).Select(p => p.Name), optional);
    }

    /// <summary>The rows of the tables in a section whose first cell is a number: (number, second cell without backticks).</summary>
    private static List<(int Number, string Name)> Rows(string section) =>
        [.. section.Split('\n')
            .Select(line => line.Split('|'))
            .Where(cells => cells.Length > 3 && int.TryParse(cells[1].Trim(), out _))
            .Select(cells => (int.Parse(cells[1].Trim(), System.Globalization.CultureInfo.InvariantCulture), cells[2].Trim().Trim('`')))];

    private static Dictionary<string, string> SplitSections(string document)
    {
        var sections = new Dictionary<string, string>();
        var matches = Heading().Matches(document);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : document.Length;
            sections[matches[i].Groups[1].Value.Trim()] = document[start..end];
        }

        return sections;
    }

    [GeneratedRegex(@"^#{2,3} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^`\w+` \(\d+\)$")]
    private static partial Regex MessageHeading();

    [GeneratedRegex(@"```\n([0-9A-Fa-f ]+)\n```")]
    private static partial Regex CodeBlock();
}
