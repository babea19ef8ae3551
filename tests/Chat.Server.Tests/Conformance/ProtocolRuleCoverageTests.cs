using System.Reflection;
using System.Text.RegularExpressions;

namespace Chat.Server.Tests.Conformance;

/// <summary>
/// Every rule docs/protocol.md labels (<c>[R7.10]</c>) has at least one test here carrying
/// <c>[Trait("ProtocolRule", "R7.10")]</c>, and no test names a rule the document does not have.
/// </summary>
public partial class ProtocolRuleCoverageTests
{
    private const string TraitName = "ProtocolRule";

    [Fact]
    public void EveryRuleInTheDocumentHasATest()
    {
        var untested = DocumentedRules().Except(TestedRules().Keys).ToList();

        Assert.True(untested.Count == 0, $"docs/protocol.md has rules no test carries: {string.Join(", ", untested)}.");
    }

    [Fact]
    public void EveryRuleATestNamesIsInTheDocument()
    {
        var documented = DocumentedRules().ToHashSet();
        var unknown = TestedRules().Where(rule => !documented.Contains(rule.Key)).Select(rule => $"{rule.Key} ({string.Join(", ", rule.Value)})").ToList();

        Assert.True(unknown.Count == 0, $"Tests name rules docs/protocol.md does not have: {string.Join("; ", unknown)}.");
    }

    [Fact]
    public void TheDocumentLabelsItsRules()
    {
        // A guard against the extraction above quietly finding nothing.
        Assert.True(DocumentedRules().Count() >= 30);
        Assert.Contains("R3.5", DocumentedRules());
    }

    private static IEnumerable<string> DocumentedRules() =>
        Label().Matches(File.ReadAllText(DocumentPath())).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>Each rule the tests of this assembly name, with the tests that name it.</summary>
    private static Dictionary<string, List<string>> TestedRules()
    {
        var rules = new Dictionary<string, List<string>>();
        var methods = typeof(ProtocolRuleCoverageTests).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly));
        foreach (var method in methods)
        {
            foreach (var trait in method.GetCustomAttributesData().Where(a => a.AttributeType == typeof(TraitAttribute)))
            {
                if ((string?)trait.ConstructorArguments[0].Value == TraitName && trait.ConstructorArguments[1].Value is string rule)
                {
                    if (!rules.TryGetValue(rule, out var tests))
                    {
                        rules[rule] = tests = [];
                    }

                    tests.Add($"{method.DeclaringType!.Name}.{method.Name}");
                }
            }
        }

        return rules;
    }

    private static string DocumentPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "protocol.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/protocol.md was not found above the test's directory.");
    }

    [GeneratedRegex(@"`\[(R\d+\.\d+)\]`")]
    private static partial Regex Label();
}
