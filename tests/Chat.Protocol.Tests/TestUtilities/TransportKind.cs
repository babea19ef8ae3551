namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>The two transports every connection and client test runs over.</summary>
public enum TransportKind
{
    Memory,
    Tcp,
}
