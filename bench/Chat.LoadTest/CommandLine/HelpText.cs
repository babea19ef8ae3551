namespace Chat.LoadTest.CommandLine;

/// <summary>The explanations <c>--help</c> prints.</summary>
internal static class HelpText
{
    public const string Root = """
        Load generator for a ChatRoom server. Starts a Release build of Chat.Server on a free
        loopback port (or targets a running one with --port), connects clients (through the
        Chat.Protocol client API, or as thin clients on raw sockets for those that decline presence,
        read with .NET's async sockets or by epoll receive threads: --client), runs a scenario,
        prints a report, and stops everything it started. Every run is bounded by --timeout. Exit code: 0 every run passed, 1 a run
        lost messages or failed, 2 the test could not run, 130 interrupted.

        The figures of the report:
          clients connected     clients that joined, of those asked for; "all welcomed in" is the
                                time from the first connect to the last Welcome, "presence complete
                                in" the time until every client's user list has every user.
          presence              the users each client must see, whether every client sees exactly
                                that many (the set its Welcome, UsersJoined and UsersLeft make, as
                                the client library keeps it), and a name-by-name check of some
                                clients' ChatClient.Users. With --presence sampled only the sampled
                                clients receive presence and are counted; the others decline it.
          lines sent            lines (TextPosted) the senders sent in the measured phase.
          deliveries expected   lines sent x clients: every client, the sender included, receives
                                every line.
          deliveries received   lines of this run that the clients received, counted by each
                                client's read loop.
          LOSS                  deliveries expected minus received (join: clients whose presence is
                                incomplete). Must be 0; the run fails otherwise.
          elapsed               the measured phase: first send to last receipt (join: first connect
                                until presence is complete; idle: the one send to its last receipt).
          deliveries/s          deliveries received / elapsed.
          latency               p50, p99 and max of send-to-receive time over every delivery: the
                                sender stamps each line's send time by its sequence number, each
                                receiver reads the stamp when the line arrives (one process, one
                                Stopwatch clock). Includes the time the line waits in the client
                                library and the generator's own scheduling delays.
          server                CPU seconds (user + system, /proc/PID/stat) the server spent in the
                                measured phase and while clients connected, and its peak resident
                                memory (VmHWM, /proc/PID/status). Needs the pid: known when this
                                program starts the server, --server-pid otherwise.
          server memory         (idle) resident memory with 1 client and with all of them: the
                                difference divided by the added clients is the cost of a connection.
          load generator        this program's CPU seconds in the same phases and its peak RSS. It
                                shares the machine's cores with the server: when its CPU is near
                                the wall time times the cores left to it, it is the bottleneck.
          result                PASS, or FAIL with the reason.
        With --runs N, every run is printed, then the median of each figure.
        """;

    public const string Fanout = """
        Room fan-out at full speed (issue 6: "100 clients, each sends 100 lines as fast as allowed").
        Every sender sends its lines back to back, keeping at most --window of them in flight (sent
        but not yet received back by itself). Reports deliveries/s and latency.
        """;

    public const string Paced = """
        A busy room at a fixed pace (issue 6: "1,000 clients, 10 senders x 100 lines/s" and "x 10
        lines/s"). Each sender sends --rate lines per second for --duration seconds on a fixed
        schedule that does not wait for answers; senders are spread evenly in time. Reports latency.
        """;

    public const string Join = """
        A crowd joins (issue 6: "10,000 clients join the room"). Reports the time until every
        client is welcomed and until every client's user list is complete and correct.
        """;

    public const string Idle = """
        Idle capacity (issue 6: "10,000 idle clients: one broadcast reaches all" and "server memory
        per idle connection"). The clients join and idle; the server's resident memory is read with
        one client and with all; then client 0 posts one line, which every client must receive.
        """;

    public const string SlowReaders = """
        Clients that stop reading (issue 13: "20 such clients raised the server to a 283 MiB peak and
        pushed an ordinary user's latency to 206 ms"). The clients join, then --slow-readers
        connections join that never read; client 0 posts long lines at --rate for --duration. The
        report gives the ordinary clients' loss and latency and the server's peak memory; then each
        slow reader reads what it was sent, to show whether it learns why it was dropped. Use the
        server's own send-queue limits: --server-args "--max-clients 20000 --rate 0 --history memory --log-level warning"
        --text-length 3900.
        """;

    public const string Rooms = """
        Many rooms (issue 14: "1,000 clients in 100 rooms of 10, plus everyone in #lobby"). Needs a
        server that speaks protocol version 2; the clients use the connection-level API
        (ChatConnection and the message records) and say hello in version 2. Each client is put in
        the default room by the server and joins its own room of --room-size (JoinRoom, then waits
        for RoomJoined); each room then gets --rate lines per second for --duration seconds, posted
        by its members in turn (the measured phase), and afterwards the default room gets
        --lobby-lines lines at --lobby-rate, measured apart. Every member must receive every line
        of its rooms once, in the room's order (ids increasing by one per room, the same id at every
        member), and nothing of rooms it is not in; the run fails on any loss, misdelivery or
        disorder. Besides the common figures: the server's CPU per line posted in a room and per
        line posted in the default room, and per delivery in each: a line to a room of 10 should
        cost the server the work of 10 deliveries, whoever else is connected.
        """;
}
