using System.CommandLine;
using Chat.Client.Tui;
using Chat.Protocol;

var host = new Option<string>("--host")
{
    Description = "The chat server's host name or IP address.",
    DefaultValueFactory = _ => "127.0.0.1",
};
var port = new Option<int>("--port", "-p")
{
    Description = "The chat server's TCP port.",
    DefaultValueFactory = _ => ProtocolInfo.DefaultPort,
};
port.Validators.Add(result =>
{
    if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, out var value) && value is < 1 or > 65535)
    {
        result.AddError("--port must be between 1 and 65535.");
    }
});
var name = new Option<string?>("--name", "-n")
{
    Description = "Join under this name instead of asking for one.",
};

var root = new RootCommand(
    "ChatRoom text-mode client: join a chat room in any terminal, also over SSH.\n" +
    "In the room: Enter sends, /help lists the commands, typing exit or Ctrl+Q quits.")
{
    host,
    port,
    name,
};
root.SetAction(result => ClientProgram.Run(result.GetValue(host)!, result.GetValue(port), result.GetValue(name)));
return root.Parse(args).Invoke();
