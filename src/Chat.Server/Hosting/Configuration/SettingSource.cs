namespace Chat.Server;

/// <summary>Where a setting in force came from. Each one wins over those before it.</summary>
internal enum SettingSource
{
    /// <summary>The option's built-in default.</summary>
    Default,

    /// <summary>The configuration file named by <c>--config</c> (or <c>CHATROOM_CONFIG</c>).</summary>
    File,

    /// <summary>An environment variable <c>CHATROOM_&lt;NAME&gt;</c>.</summary>
    Environment,

    /// <summary>The command line.</summary>
    CommandLine,
}
