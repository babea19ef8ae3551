using Chat.Protocol;
using Chat.Hostile.Attacks;

namespace Chat.Server.Tests.Hostile;

/// <summary>What the server must have done to an attacker.</summary>
internal static class AssertAttack
{
    /// <summary>The server sent a fatal error of <paramref name="code"/> as its last word and closed the connection.</summary>
    public static ErrorMessage EndedWith(AttackResult result, ErrorCode code)
    {
        Assert.True(result.EndedByServer, $"The server did not end the attacker's connection: {result}");
        var error = Assert.IsType<ErrorMessage>(result.Received.Count > 0 ? result.Received[^1] : null); // nothing follows a fatal error (R7.32)
        Assert.True((error.Code, error.Fatal) == (code, true), $"Expected a fatal {code}: {result}: {error.Text}");
        Assert.DoesNotContain("Exception", error.Text, StringComparison.Ordinal);
        return error;
    }

    /// <summary>The server refused the message as malformed, in its own words (never a .NET exception's text), and closed the connection.</summary>
    public static ErrorMessage ProtocolViolation(AttackResult result, string naming)
    {
        var error = EndedWith(result, ErrorCode.ProtocolViolation);
        Assert.StartsWith("Received a malformed message: ", error.Text, StringComparison.Ordinal);
        Assert.Contains(naming, error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Arithmetic", error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("past the end of the stream", error.Text, StringComparison.Ordinal);
        return error;
    }
}
