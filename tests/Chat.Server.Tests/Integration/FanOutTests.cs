using System.Diagnostics;
using Chat.Protocol;
using Chat.Server.Tests.Support;
using Xunit.Abstractions;

namespace Chat.Server.Tests.Integration;

public class FanOutTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("ProtocolRule", "R7.11")]
    public async Task TwoHundredClientsAllReceiveEveryLineInTheSameOrder()
    {
        const int Clients = 200;
        const int Senders = 20;
        const int LinesEach = 10;
        const int Lines = Senders * LinesEach;
        // Every client connects from 127.0.0.1: exempt from the limits per address.
        await using var server = TestServer.Start(o => o with { MaxClients = Clients, Exempt = TestServer.Loopback });
        var clients = new List<ChatClient>(Clients);
        try
        {
            for (var i = 0; i < Clients; i += 20)
            {
                clients.AddRange(await Task.WhenAll(Enumerable.Range(i, 20).Select(n => server.ConnectAsync($"user{n}"))));
            }

            var clock = Stopwatch.StartNew();
            var receiving = clients.Select(client => Task.Run(() => client.LinesAsync(Lines))).ToArray();
            await Task.WhenAll(clients.Take(Senders).Select((sender, s) => Task.Run(async () =>
            {
                for (var line = 0; line < LinesEach; line++)
                {
                    await sender.SendAsync($"line {line} from sender {s}").AsTask().WithTimeout();
                }
            }))).WithTimeout();
            var received = await Task.WhenAll(receiving).WithTimeout();
            output.WriteLine($"{Clients} clients x {Lines} lines = {Clients * Lines} deliveries in {clock.ElapsedMilliseconds} ms");

            var reference = received[0];
            Assert.Equal(Lines, reference.Select(line => line.Text).Distinct().Count());
            Assert.True(reference.Zip(reference.Skip(1)).All(pair => pair.First.Id < pair.Second.Id), "ids must increase");
            foreach (var lines in received)
            {
                Assert.Equal(reference, lines);
            }

            // Each sender's lines arrive in the order it sent them.
            for (var s = 0; s < Senders; s++)
            {
                var mine = reference.Where(line => line.Author == $"user{s}").Select(line => line.Text);
                Assert.Equal(Enumerable.Range(0, LinesEach).Select(line => $"line {line} from sender {s}"), mine);
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask())).WithTimeout();
        }
    }

    [Fact]
    [Trait("ProtocolRule", "R7.10")]
    public async Task EveryoneEndsUpWithTheSameViewOfWhoIsPresent()
    {
        const int Clients = 60;
        // Every client connects from 127.0.0.1: exempt from the limits per address.
        await using var server = TestServer.Start(o => o with { Exempt = TestServer.Loopback });
        await using var watcher = await server.ConnectAsync("watcher");
        var clients = new List<ChatClient>(Clients);
        try
        {
            // Joins and departures overlap, so presence notices are batched and interleaved.
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, Clients).Select(n => server.ConnectAsync($"user{n}"))));
            var leaving = clients.Where((_, n) => n % 3 == 0).ToList();
            await Task.WhenAll(leaving.Select(client => client.LeaveAsync())).WithTimeout();
            var staying = clients.Except(leaving).Append(watcher).ToList();
            var expected = staying.Select(client => client.UserName).Order(UserNameRules.Comparer).ToArray();

            // Once the watcher has seen the room reach its final state, a line it posts follows every notice.
            await WaitUntilPresentAsync(watcher, expected);
            await watcher.SendAsync("marker").AsTask().WithTimeout();
            foreach (var client in staying)
            {
                await client.NextAsync<TextPosted>(line => line.Text == "marker");
                Assert.Equal(expected, client.Users);
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask())).WithTimeout();
        }
    }

    private static async Task WaitUntilPresentAsync(ChatClient watcher, IReadOnlyList<string> expected)
    {
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        await using var messages = watcher.ReadMessagesAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        while (!watcher.Users.SequenceEqual(expected))
        {
            Assert.True(await messages.MoveNextAsync(), "The watcher's session ended.");
        }
    }
}
