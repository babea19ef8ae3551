using Chat.Protocol;

namespace Chat.Server;

/// <summary>The console's <c>users [#room]</c>: a table of who is on the server (or in a room), where from, and how.</summary>
internal sealed partial class OperatorConsole
{
    private static readonly string[] s_userColumns = ["NAME", "ADDRESS", "ROOMS", "IDLE", "CONNECTED", "CLIENT", "TRANSPORT"];

    /// <summary>Who, in one line (as before the table came), then a table with one user a line.</summary>
    private void ListUsers(string roomName)
    {
        if (roomName.Length == 0)
        {
            var names = server.Users.Names();
            Write(names.Count switch
            {
                0 => "Nobody is on the server.",
                1 => $"1 user on the server: {names[0]}",
                _ => $"{names.Count} users on the server: {string.Join(", ", names)}",
            });
            WriteUserTable(server.Users.All());
            return;
        }

        if (server.Rooms.Find(roomName) is not { } room)
        {
            Fail($"There is no room called {roomName}.");
            return;
        }

        var users = room.Users();
        Write(users.Count switch
        {
            0 => $"Nobody is in {room.Name}.",
            1 => $"1 user in {room.Name}: {users[0]}",
            _ => $"{users.Count} users in {room.Name}: {string.Join(", ", users)}",
        });
        WriteUserTable(users.Select(server.Users.Find).OfType<IRoomMember>());
    }

    /// <summary>One line per user, in columns, sorted by name; nothing for nobody.</summary>
    private void WriteUserTable(IEnumerable<IRoomMember> users)
    {
        var rows = users
            .Select(static user => UserRow(user))
            .OrderBy(static row => row[0], UserNameRules.Comparer)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        foreach (var line in TextTable.Format(s_userColumns, rows))
        {
            Write(line);
        }
    }

    private static string[] UserRow(IRoomMember user)
    {
        if (user is not ClientSession session)
        {
            return [user.Name, "-", "-", "-", "-", "-", "-"];
        }

        var info = session.Info();
        return
        [
            info.Name,
            info.Address?.ToString() ?? "-",
            info.Rooms.Count == 0 ? "-" : string.Join(",", info.Rooms),
            Duration.Short(info.IdleFor),
            Duration.Short(info.ConnectedFor),
            info.ClientSoftware.Length == 0 ? "-" : info.ClientSoftware,
            info.Transport,
        ];
    }
}
