using System.CommandLine;
using System.CommandLine.Parsing;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>The command line's options of rooms: the default room, the operator's rooms, the limits.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<string> _defaultRoom = new("--default-room")
    {
        Description = "The room every user is put in on connecting (an operator's room: it stays when empty).",
        HelpName = "#room",
        DefaultValueFactory = _ => s_defaults.DefaultRoom,
        CustomParser = result => ParseRoomName(result, "--default-room"),
    };

    private readonly Option<string[]> _rooms = new("--room")
    {
        Description = "A room the operator creates at start, which stays when empty; repeat it for more.",
        HelpName = "#room",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
        CustomParser = ParseRoomNames,
    };

    private readonly Option<int> _maxRooms = IntOption(
        "--max-rooms", "The most rooms on the server at once, the operator's included.", "count", s_defaults.MaxRooms, 1, 1_000_000);

    private readonly Option<int> _maxRoomsPerUser = IntOption(
        "--max-rooms-per-user", "The most rooms one user may be in at once.", "count", s_defaults.MaxRoomsPerUser, 1, 100_000);

    private readonly Option<int?> _maxRoomMembers = new("--max-room-members")
    {
        Description = "The most users in one room. Default: --max-clients.",
        HelpName = "count",
        CustomParser = ParseMaxRoomMembers,
    };

    private readonly Option<bool> _operatorCreatesRooms = new("--operator-creates-rooms")
    {
        Description = "Only the operator creates rooms (--room, the console's topic): users may join only rooms that exist.",
    };

    private void AddRoomOptions()
    {
        foreach (var option in new Option[] { _defaultRoom, _rooms, _maxRooms, _maxRoomsPerUser, _maxRoomMembers, _operatorCreatesRooms })
        {
            Command.Options.Add(option);
        }
    }

    /// <summary>Adds the room options to the settings.</summary>
    /// <exception cref="ArgumentException">The options do not fit together; the message says how.</exception>
    private ChatServerOptions WithRooms(ParseResult result, ChatServerOptions options)
    {
        var rooms = options with
        {
            DefaultRoom = result.GetValue(_defaultRoom)!,
            Rooms = result.GetValue(_rooms) ?? [],
            MaxRooms = result.GetValue(_maxRooms),
            MaxRoomsPerUser = result.GetValue(_maxRoomsPerUser),
            MaxRoomMembers = result.GetValue(_maxRoomMembers),
            OperatorCreatesRooms = result.GetValue(_operatorCreatesRooms),
        };
        if (rooms.MaxRoomMembers > rooms.MaxClients)
        {
            throw new ArgumentException($"--max-room-members {rooms.MaxRoomMembers} is more than --max-clients {rooms.MaxClients}: a room cannot hold more users than the server.");
        }

        rooms.ValidateRooms();
        return rooms;
    }

    private static string ParseRoomName(ArgumentResult result, string option)
    {
        var token = SingleToken(result);
        var problem = RoomNameRules.Check(token);
        if (problem != RoomNameProblem.None)
        {
            result.AddError($"{option} \"{token}\" is not a room name: {RoomNameRules.Describe(problem, token)}");
        }

        return RoomNameRules.Normalize(token);
    }

    private static string[] ParseRoomNames(ArgumentResult result)
    {
        var names = new List<string>();
        foreach (var token in result.Tokens)
        {
            var problem = RoomNameRules.Check(token.Value);
            if (problem == RoomNameProblem.None)
            {
                names.Add(RoomNameRules.Normalize(token.Value));
            }
            else
            {
                result.AddError($"--room \"{token.Value}\" is not a room name: {RoomNameRules.Describe(problem, token.Value)}");
            }
        }

        return [.. names];
    }

    private static int? ParseMaxRoomMembers(ArgumentResult result)
    {
        var token = SingleToken(result);
        if (int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= 1 && value <= ChatServerOptions.MaxClientsLimit)
        {
            return value;
        }

        result.AddError($"--max-room-members must be a whole number from 1 to {ChatServerOptions.MaxClientsLimit}, not \"{token}\".");
        return null;
    }
}
