using System.Reflection;
using System.Runtime.Loader;
using Chat.Protocol.Tests.TestUtilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Chat.Protocol.Tests.Compatibility;

/// <summary>
/// Code compiled against an earlier public surface of Chat.Protocol still runs against this build:
/// Consumer/EarlierShapeConsumer.cs is compiled against a reference assembly of that surface
/// (Baselines/*.ref.dll, kept as it was released) and then run with the Chat.Protocol the tests
/// use. A removed or changed member it uses fails here with a MissingMethodException or a
/// TypeLoadException; a message that gained optional fields still builds, encodes and decodes.
/// </summary>
public class CompiledAgainstEarlierShapeTests
{
    public static TheoryData<string> Baselines => new()
    {
        // The first surface with the 1.1 message records, before Welcome announced the rate, burst and ping interval.
        "Chat.Protocol.1.1-records.ref.dll",

        // Chat.Protocol 1.1.0 as released (commit 27323d2).
        "Chat.Protocol.1.1.0.ref.dll",
    };

    [Theory]
    [MemberData(nameof(Baselines))]
    public async Task AnAppCompiledAgainstAnEarlierSurfaceRunsAgainstThisBuild(string baseline)
    {
        var assembly = Compile(Reference(baseline));

        var run = assembly.GetType("EarlierShapeConsumer", throwOnError: true)!.GetMethod("RunAsync")!;
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        var report = await ((Task<string>)run.Invoke(null, [timeout.Token])!).WithTimeout();

        var lines = report.Split('\n');
        Assert.Equal(15, lines.Count(l => l.EndsWith(":same", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.EndsWith(":DIFFERENT", StringComparison.Ordinal));
        Assert.Contains("with:edited/bob/Action", lines);
        Assert.Contains("joined:alice:Earlier:1:alice", lines);
        Assert.Contains("posted:alice:hello", lines);
        Assert.Contains("rules:None:None", lines);
    }

    [Theory]
    [MemberData(nameof(Baselines))]
    public void EveryPublicMemberOfAnEarlierSurfaceIsStillThere(string baseline)
    {
        var earlier = PublicMembers(Reference(baseline));
        var current = PublicMembers(MetadataReference.CreateFromFile(typeof(ChatClient).Assembly.Location));

        Assert.Empty(earlier.Except(current));
    }

    /// <summary>A member's full signature: its type, name, parameters and their types.</summary>
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters
            | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeModifiers)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut);

    [Fact]
    public void TheReleasedBaselinePredatesHelloPassword()
    {
        var earlier = PublicMembers(Reference("Chat.Protocol.1.1.0.ref.dll"));
        var current = PublicMembers(MetadataReference.CreateFromFile(typeof(ChatClient).Assembly.Location));

        Assert.Contains(current.Except(earlier), m => m.Contains("global::Chat.Protocol.Hello.Password", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFirstBaselinePredatesFieldsAppendedSinceSoTheRunAboveCrossesARealChange()
    {
        var earlier = PublicMembers(Reference("Chat.Protocol.1.1-records.ref.dll"));
        var current = PublicMembers(MetadataReference.CreateFromFile(typeof(ChatClient).Assembly.Location));

        var appended = current.Except(earlier).Where(m => m.Contains("global::Chat.Protocol.Welcome.", StringComparison.Ordinal)).ToList();
        Assert.Contains(appended, m => m.Contains("Welcome.MessageRate", StringComparison.Ordinal));
        Assert.Contains(appended, m => m.Contains("Welcome.MessageBurst", StringComparison.Ordinal));
        Assert.Contains(appended, m => m.Contains("Welcome.PingIntervalMilliseconds", StringComparison.Ordinal));
    }

    private static PortableExecutableReference Reference(string baseline) =>
        MetadataReference.CreateFromFile(RepositoryFiles.PathOf($"tests/Chat.Protocol.Tests/Compatibility/Baselines/{baseline}"));

    /// <summary>Every public type and member of an assembly, as Roslyn names them.</summary>
    private static HashSet<string> PublicMembers(MetadataReference assembly)
    {
        var compilation = CSharpCompilation.Create("Inspect", references: [.. FrameworkReferences(), assembly]);
        var symbol = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(assembly)!;
        var names = new HashSet<string>(StringComparer.Ordinal);
        Visit(symbol.GlobalNamespace);
        return names;

        void Visit(INamespaceOrTypeSymbol container)
        {
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    Visit(ns);
                }
                else if (member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected)
                {
                    names.Add(member.ToDisplayString(Signature));
                    if (member is INamedTypeSymbol type)
                    {
                        Visit(type);
                    }
                }
            }
        }
    }

    private static IEnumerable<MetadataReference> FrameworkReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => MetadataReference.CreateFromFile(path));

    private static Assembly Compile(MetadataReference baseline)
    {
        var source = File.ReadAllText(RepositoryFiles.PathOf("tests/Chat.Protocol.Tests/Compatibility/Consumer/EarlierShapeConsumer.cs"));
        var compilation = CSharpCompilation.Create(
            $"EarlierShapeConsumer{Guid.NewGuid():N}",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            [.. FrameworkReferences(), baseline],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        // Loaded beside the tests, so its reference to Chat.Protocol binds to this build's assembly.
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image);
    }
}
