namespace Chat.Server;

/// <summary>A configuration file or an environment variable the server cannot use; the message is one sentence that says where and why.</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
