namespace Chat.Testing;

/// <summary>Which transport a test runs over: the same behaviour must hold on each.</summary>
public enum TransportKind
{
    /// <summary>In-memory pipes (<c>ChatConnection.CreatePair</c>).</summary>
    Memory,

    /// <summary>Real TCP on 127.0.0.1.</summary>
    Tcp,

    /// <summary>TLS over real TCP on 127.0.0.1, with a self-signed certificate the client pins.</summary>
    Tls,
}
