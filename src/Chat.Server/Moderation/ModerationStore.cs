using System.Net;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// The bans (of names, addresses and networks) and the mutes (of names), kept in <c>bans.json</c> in
/// the data folder so that they outlive a restart. An entry whose end has come no longer counts, and
/// is dropped from the file the next time it is written (and at start).
/// </summary>
/// <remarks>Thread-safe. Every change is written to the file before it counts.</remarks>
internal sealed class ModerationStore
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "bans.json";

    private readonly Lock _lock = new();
    private readonly DataFile<BansFile> _file;
    private readonly TimeProvider _time;
    // Never changed in place: replaced whole under _lock, so a reader without the lock sees one consistent list.
    private List<(BanTarget Target, Sanction Ban)> _bans = [];
    private List<Sanction> _mutes = [];

    /// <summary>Creates the store; <see cref="Load"/> reads the file.</summary>
    /// <param name="dataFolder">The data folder.</param>
    /// <param name="time">The clock that decides when a ban or a mute ends.</param>
    public ModerationStore(string dataFolder, TimeProvider time)
    {
        _file = new DataFile<BansFile>(dataFolder, FileName, DataFileJson.Default.BansFile, "bans");
        _time = time;
    }

    /// <summary>The file the bans are kept in.</summary>
    public string Path => _file.Path;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Reads the bans and mutes from the file, if there is one, leaving out those that have ended.</summary>
    /// <exception cref="ChatException">The file cannot be read or is not valid; the message names it.</exception>
    public void Load()
    {
        var file = _file.Read() ?? new BansFile();
        var bans = new List<(BanTarget, Sanction)>();
        foreach (var ban in file.Bans ?? [])
        {
            var target = ban is null ? null : BanTarget.Parse(ban.Target);
            if (target is null || ban!.By is null)
            {
                throw new ChatException($"The bans file {_file.Path} holds a ban whose target is not a user name, an address or a network ({ban?.Target}); fix it or move it away.");
            }

            bans.Add((target, Normalized(ban)));
        }

        var mutes = new List<Sanction>();
        foreach (var mute in file.Mutes ?? [])
        {
            if (mute is null || UserNameRules.Check(mute.Target) != UserNameProblem.None || mute.By is null)
            {
                throw new ChatException($"The bans file {_file.Path} holds a mute whose target is not a user name ({mute?.Target}); fix it or move it away.");
            }

            mutes.Add(Normalized(mute));
        }

        var now = Now;
        lock (_lock)
        {
            _bans = [.. bans.Where(entry => !entry.Item2.HasEnded(now))];
            _mutes = [.. mutes.Where(mute => !mute.HasEnded(now))];
        }
    }

    /// <summary>Bans a name, an address or a network, replacing an earlier ban of the same target.</summary>
    /// <param name="target">Whom.</param>
    /// <param name="duration">How long; <see langword="null"/> for no end.</param>
    /// <param name="reason">Why; may be empty.</param>
    /// <param name="by">Who decides it.</param>
    /// <returns>The ban, and whether it replaced one.</returns>
    /// <exception cref="IOException">The file could not be written; nothing changed.</exception>
    public (Sanction Ban, bool Replaced) Ban(BanTarget target, TimeSpan? duration, string reason, string by)
    {
        var now = Now;
        var ban = new Sanction(target.Text, by, now, now + duration, reason);
        lock (_lock)
        {
            var before = _bans;
            Commit(bans: [.. before.Where(entry => !entry.Target.SameAs(target)), (target, ban)]);
            return (ban, before.Any(entry => entry.Target.SameAs(target) && !entry.Ban.HasEnded(now)));
        }
    }

    /// <summary>Lifts the ban of a target.</summary>
    /// <param name="target">Whom.</param>
    /// <returns>The ban lifted, or <see langword="null"/> when there was none.</returns>
    /// <exception cref="IOException">The file could not be written; nothing changed.</exception>
    public Sanction? Unban(BanTarget target)
    {
        var now = Now;
        lock (_lock)
        {
            var before = _bans;
            var lifted = before.FirstOrDefault(entry => entry.Target.SameAs(target) && !entry.Ban.HasEnded(now)).Ban;
            if (lifted is null)
            {
                return null;
            }

            Commit(bans: [.. before.Where(entry => !entry.Target.SameAs(target))]);
            return lifted;
        }
    }

    /// <summary>The ban that holds a user name, if any is in force.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The ban, or <see langword="null"/>.</returns>
    public Sanction? FindNameBan(string name) => FindBan(target => target.HoldsName(name));

    /// <summary>The ban that holds an address, if any is in force (the longest-lasting when several do).</summary>
    /// <param name="address">The address.</param>
    /// <returns>The ban, or <see langword="null"/>.</returns>
    public Sanction? FindAddressBan(IPAddress? address) => address is null ? null : FindBan(target => target.HoldsAddress(address));

    /// <summary>Mutes a name, replacing an earlier mute of it.</summary>
    /// <param name="name">Whom, a user name.</param>
    /// <param name="duration">How long; <see langword="null"/> for no end.</param>
    /// <param name="reason">Why; may be empty.</param>
    /// <param name="by">Who decides it.</param>
    /// <returns>The mute.</returns>
    /// <exception cref="IOException">The file could not be written; nothing changed.</exception>
    public Sanction Mute(string name, TimeSpan? duration, string reason, string by)
    {
        var now = Now;
        var mute = new Sanction(name, by, now, now + duration, reason);
        lock (_lock)
        {
            Commit(mutes: [.. _mutes.Where(m => !UserNameRules.Comparer.Equals(m.Target, name)), mute]);
            return mute;
        }
    }

    /// <summary>Lifts the mute of a name.</summary>
    /// <param name="name">Whom.</param>
    /// <returns>The mute lifted, or <see langword="null"/> when there was none.</returns>
    /// <exception cref="IOException">The file could not be written; nothing changed.</exception>
    public Sanction? Unmute(string name)
    {
        var now = Now;
        lock (_lock)
        {
            var before = _mutes;
            var lifted = before.FirstOrDefault(m => UserNameRules.Comparer.Equals(m.Target, name) && !m.HasEnded(now));
            if (lifted is null)
            {
                return null;
            }

            Commit(mutes: [.. before.Where(m => !UserNameRules.Comparer.Equals(m.Target, name))]);
            return lifted;
        }
    }

    /// <summary>The mute of a user name, if one is in force.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The mute, or <see langword="null"/>.</returns>
    public Sanction? FindMute(string name)
    {
        // Every line and private message asks, from every session at once: no lock and nothing
        // allocated. The list is never changed in place, only replaced whole (under the lock), so
        // the one read here is a consistent snapshot.
        var mutes = Volatile.Read(ref _mutes);
        if (mutes.Count == 0)
        {
            return null;
        }

        var now = Now;
        foreach (var mute in mutes)
        {
            if (UserNameRules.Comparer.Equals(mute.Target, name) && !mute.HasEnded(now))
            {
                return mute;
            }
        }

        return null;
    }

    /// <summary>The bans and mutes in force, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public (IReadOnlyList<Sanction> Bans, IReadOnlyList<Sanction> Mutes) List()
    {
        var now = Now;
        lock (_lock)
        {
            return (
                [.. _bans.Select(static entry => entry.Ban).Where(ban => !ban.HasEnded(now)).OrderBy(static ban => ban.Created)],
                [.. _mutes.Where(mute => !mute.HasEnded(now)).OrderBy(static mute => mute.Created)]);
        }
    }

    /// <summary>Asked of every connection and every hello: without the lock, as <see cref="FindMute"/> reads the mutes.</summary>
    private Sanction? FindBan(Func<BanTarget, bool> holds)
    {
        var bans = Volatile.Read(ref _bans);
        if (bans.Count == 0)
        {
            return null;
        }

        var now = Now;
        Sanction? found = null;
        foreach (var (target, ban) in bans)
        {
            if (!ban.HasEnded(now) && holds(target) && (found is null || Outlasts(ban, found)))
            {
                found = ban;
            }
        }

        return found;
    }

    private static bool Outlasts(Sanction ban, Sanction other) => other.Until is { } end && (ban.Until is null || ban.Until > end);

    /// <summary>
    /// Writes the file with the new lists (without the entries that have ended), then puts them in
    /// force: a failed write throws and changes nothing, and no reader ever sees a list that was not kept.
    /// </summary>
    /// <param name="bans">The new bans; <see langword="null"/> keeps them.</param>
    /// <param name="mutes">The new mutes; <see langword="null"/> keeps them.</param>
    private void Commit(List<(BanTarget Target, Sanction Ban)>? bans = null, List<Sanction>? mutes = null)
    {
        bans ??= _bans;
        mutes ??= _mutes;
        var now = Now;
        _file.Write(new BansFile
        {
            Bans = [.. bans.Select(static entry => entry.Ban).Where(ban => !ban.HasEnded(now))],
            Mutes = [.. mutes.Where(mute => !mute.HasEnded(now))],
        });
        _bans = bans;
        _mutes = mutes;
    }

    /// <summary>Times as UTC, and no null strings, whatever the file said.</summary>
    private static Sanction Normalized(Sanction entry) => entry with
    {
        Created = DateTime.SpecifyKind(entry.Created, DateTimeKind.Utc),
        Until = entry.Until is { } until ? DateTime.SpecifyKind(until.ToUniversalTime(), DateTimeKind.Utc) : null,
        Reason = entry.Reason ?? string.Empty,
    };
}
