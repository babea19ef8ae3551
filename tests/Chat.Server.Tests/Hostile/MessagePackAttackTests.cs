using Chat.Protocol;
using static Chat.Hostile.Attacks.AttackCatalogue;

namespace Chat.Server.Tests.Hostile;

/// <summary>Attacks inside well-framed bodies: deep or huge MessagePack, ids out of range or unknown, wrong types, invalid UTF-8.</summary>
public class MessagePackAttackTests
{
    [Fact]
    public async Task NestingTenThousandDeepIsRefusedWithoutExhaustingTheStack()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync(DeepNesting, DeepNestingFirst);

        AssertAttack.ProtocolViolation(results[0], "SendText.Text");
        AssertAttack.ProtocolViolation(results[1], "[type, fields]");
    }

    [Fact]
    public async Task HugeAnnouncedLengthsAreRefusedWithoutAllocatingThem()
    {
        await using var harness = await HostileHarness.StartAsync();

        // A map of a million entries, an array of four billion and a string of 2 GiB, each announced in a few bytes.
        var results = await harness.AttackAsync(HugeMap, HugeArray, HugeString, HugeMap, HugeArray, HugeString);

        Assert.All(results, result => AssertAttack.ProtocolViolation(result, "SendText"));
    }

    [Fact]
    public async Task IdsOutOfRangeAreAProtocolViolationInOurOwnWords()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync(IdOutOfRange, IdOutOfRangeFirst);

        Assert.All(results, result => AssertAttack.ProtocolViolation(result, "the message type is out of range"));
    }

    [Fact]
    [Trait("ProtocolRule", "R3.1")]
    public async Task UnknownIdsAreSkippedAndTheSessionGoesOn()
    {
        await using var harness = await HostileHarness.StartAsync();

        var result = await harness.AttackOnceAsync(UnknownIds);

        Assert.Contains(result.Received, m => m is Pong { Token: 0x5EED });
        Assert.DoesNotContain(result.Received, m => m is ErrorMessage);
        Assert.True(result.EndedByServer, result.ToString()); // after the attacker's goodbye
    }

    [Fact]
    public async Task FieldsOfTheWrongTypeAreRefusedByName()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync(TextAsInteger, FieldsAsString, IdAsString, KindOutOfRange);

        AssertAttack.ProtocolViolation(results[0], "SendText.Text must be a string");
        AssertAttack.ProtocolViolation(results[1], "SendText must be an array of fields");
        AssertAttack.ProtocolViolation(results[2], "a message type must be an integer");
        AssertAttack.ProtocolViolation(results[3], "SendText.Kind is out of range");
    }

    [Fact]
    public async Task InvalidUtf8IsRefusedNotReplaced()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync(InvalidUtf8Line, InvalidUtf8Name);

        AssertAttack.ProtocolViolation(results[0], "SendText.Text is not valid UTF-8");
        AssertAttack.ProtocolViolation(results[1], "Hello.UserName is not valid UTF-8");
    }
}
