// Not compiled with the tests: CompiledAgainstEarlierShapeTests compiles this file against an
// earlier public surface of Chat.Protocol (a reference assembly in ../Baselines) and runs the
// result against the Chat.Protocol of this build. It uses the surface the way an app does:
// every message built from its constructor and init properties, read back, copied with `with`,
// encoded and decoded, and a ChatClient joined over an in-memory connection.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Chat.Protocol;
using Chat.Protocol.Wire;

public static class EarlierShapeConsumer
{
    public static async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var line = new TextPosted(7, "bob", "hi", at) { Kind = TextKind.Action };
        ChatMessage[] messages =
        [
            new Hello(ProtocolInfo.Version, "alice", "EarlierShape", "1.1") { OmitPresence = true },
            new Welcome(1, "alice", "Server", ["alice", "bob"], "motd", [line], 4000, 32768) { UserCount = 2 },
            new Rejected(RejectReason.NameTaken, "taken"),
            new SendText("hello") { Kind = TextKind.Plain },
            line,
            new UsersJoined(["carol"]),
            new UsersLeft([new Departure("dave", LeaveReason.Quit) { Text = "bye" }]),
            new SendPrivate("bob", "psst"),
            new PrivateMessage("alice", "bob", "psst", at) { Kind = TextKind.Plain },
            new ServerNotice("notice", at),
            new ErrorMessage(ErrorCode.RateLimited, "slow down") { Fatal = false },
            new Ping(1),
            new Pong(1),
            new Goodbye("bye"),
            new ServerShutdown("maintenance"),
        ];

        var report = new List<string>();
        foreach (var message in messages)
        {
            var frame = EncodedMessage.Encode(message).Frame;
            var decoded = MessageSerializer.Decode(frame[ProtocolInfo.FramePrefixLength..])!;
            var again = MessageSerializer.ToFrame(decoded);
            report.Add($"{message.GetType().Name}:{(again.AsSpan().SequenceEqual(frame.Span) ? "same" : "DIFFERENT")}");
        }

        var edited = line with { Text = "edited" };
        report.Add($"with:{edited.Text}/{edited.Author}/{edited.Kind}");

        var (clientEnd, serverEnd) = ChatConnection.CreatePair();
        await using (serverEnd.ConfigureAwait(false))
        {
            var server = AnswerOneHelloAsync(serverEnd, line, cancellationToken);
            var options = ChatClientOptions.Default with { ClientName = "EarlierShape", HandshakeTimeout = TimeSpan.FromSeconds(20) };
            await using var client = await ChatClient.JoinAsync(clientEnd, "alice", options, cancellationToken).ConfigureAwait(false);
            report.Add($"joined:{client.UserName}:{client.Welcome.ServerName}:{client.Welcome.Recent.Count}:{string.Join(",", client.Users)}");
            await client.SendAsync("hello", cancellationToken).ConfigureAwait(false);
            await foreach (var received in client.ReadMessagesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (received is TextPosted { Author: var author, Text: var text })
                {
                    report.Add($"posted:{author}:{text}");
                    break;
                }
            }

            await client.LeaveAsync("bye", cancellationToken).ConfigureAwait(false);
            await server.ConfigureAwait(false);
        }

        report.Add($"rules:{UserNameRules.Check("alice")}:{TextRules.Check("hi", 10)}");
        return string.Join("\n", report);
    }

    private static async Task AnswerOneHelloAsync(ChatConnection connection, TextPosted recent, CancellationToken cancellationToken)
    {
        var hello = (Hello)(await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false))!;
        await connection.SendAsync(
            new Welcome(1, hello.UserName, "Earlier", [hello.UserName], "", [recent], 4000, 32768),
            cancellationToken).ConfigureAwait(false);
        var said = (SendText)(await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false))!;
        await connection.SendAsync(new TextPosted(8, hello.UserName, said.Text, DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
        while (await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false) is not null and not Goodbye)
        {
        }
    }
}
