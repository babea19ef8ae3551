using System.Text;
using Chat.Protocol.Internal;

namespace Chat.Protocol.Tests.Internal;

public class NameCacheTests
{
    [Fact]
    public void TheSameNameComesBackAsTheSameString()
    {
        var cache = new NameCache(64);

        var first = Get(cache, "alice"u8);
        var second = Get(cache, "alice"u8);

        Assert.Equal("alice", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void NamesThatDifferOnlyInCaseAreDifferentStrings()
    {
        var cache = new NameCache(64);

        Assert.Equal("Alice", Get(cache, "Alice"u8));
        Assert.Equal("alice", Get(cache, "alice"u8));
        Assert.Equal("ALICE", Get(cache, "ALICE"u8));
    }

    [Fact]
    public void EveryNameIsDecodedCorrectlyWhenMoreNamesThanSlotsCompete()
    {
        // 4 slots, 1,000 names: most lookups miss and replace each other, and every answer is still right.
        var cache = new NameCache(4);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var name = $"user-{i}";
                Assert.Equal(name, Get(cache, Encoding.ASCII.GetBytes(name)));
            }
        }
    }

    [Fact]
    public void ManyThreadsAtOnceAlwaysGetTheRightName()
    {
        var cache = new NameCache(16);
        var names = Enumerable.Range(0, 200).Select(i => Encoding.ASCII.GetBytes($"n{i}")).ToArray();
        var wrong = 0;

        Parallel.For(0, 8, worker =>
        {
            for (var round = 0; round < 2000; round++)
            {
                var bytes = names[(round * 7 + worker) % names.Length];
                if (Get(cache, bytes) != Encoding.ASCII.GetString(bytes))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zoë")]
    [InlineData("名前")]
    public void NonAsciiAndEmptyNamesAreDecodedAsUtf8(string name)
    {
        var cache = new NameCache(64);
        var bytes = Encoding.UTF8.GetBytes(name);

        Assert.Equal(name, Get(cache, bytes));
        Assert.Equal(name, Get(cache, bytes));
    }

    [Theory]
    [InlineData("61FF62")]                         // a byte UTF-8 never uses
    [InlineData("6180")]                           // a lone continuation byte
    [InlineData("C0AF")]                           // an overlong encoding of '/'
    [InlineData("EDA080")]                         // a surrogate (U+D800) encoded in UTF-8
    [InlineData("E282")]                           // a sequence cut short
    [InlineData("61616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161FF")] // too long for the cache
    public void InvalidUtf8GivesNoName(string hex)
    {
        var cache = new NameCache(64);

        Assert.False(cache.TryGet(Convert.FromHexString(hex), out var name));
        Assert.Equal(string.Empty, name);
    }

    [Fact]
    public void ANameLongerThanTheCacheKeepsIsStillDecoded()
    {
        var cache = new NameCache(64);
        var name = new string('x', NameCache.MaxNameBytes + 1);

        var first = Get(cache, Encoding.ASCII.GetBytes(name));

        Assert.Equal(name, first);
        Assert.NotSame(first, Get(cache, Encoding.ASCII.GetBytes(name)));
    }

    [Fact]
    public void ACacheThatKeepsMissingGrowsUpToItsMaximumAndThenKeepsNamesItHadToDrop()
    {
        var cache = new NameCache(4, 64);
        var names = Enumerable.Range(0, 20).Select(i => Encoding.ASCII.GetBytes($"member-{i}")).ToArray();

        for (var round = 0; round < 10; round++)
        {
            foreach (var name in names)
            {
                Get(cache, name);
            }
        }

        Assert.Equal(64, cache.Capacity);
        var kept = names.Select(n => Get(cache, n)).ToArray();
        Assert.True(names.Select((n, i) => ReferenceEquals(kept[i], Get(cache, n))).Count(same => same) >= 15,
            "Most of 20 names fit in 64 slots.");
    }

    [Fact]
    public void ACacheWhoseNamesFitDoesNotGrow()
    {
        var cache = new NameCache(64, 1024);
        for (var round = 0; round < 100; round++)
        {
            Get(cache, "alice"u8);
            Get(cache, "bob"u8);
        }

        Assert.Equal(64, cache.Capacity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void TheSizeMustBeAPowerOfTwo(int slots) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NameCache(slots));

    [Theory]
    [InlineData(8, 4)]
    [InlineData(8, 12)]
    public void TheMaximumMustBeAPowerOfTwoNoSmallerThanTheStart(int slots, int maxSlots) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NameCache(slots, maxSlots));

    private static string Get(NameCache cache, ReadOnlySpan<byte> utf8)
    {
        Assert.True(cache.TryGet(utf8, out var name));
        return name;
    }
}
