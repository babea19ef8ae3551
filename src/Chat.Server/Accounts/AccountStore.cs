using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// The names that need a password: those users registered (kept in <c>accounts.json</c> in the data
/// folder) and the operator accounts of the configuration (never written anywhere). An operator
/// account's name cannot be registered, and wins over a registration of the same name.
/// </summary>
/// <remarks>Thread-safe. Every change is written to the file before it counts.</remarks>
internal sealed class AccountStore
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "accounts.json";

    private readonly Lock _lock = new();
    private readonly DataFile<AccountsFile> _file;
    private readonly Dictionary<string, OperatorAccount> _operators = new(UserNameRules.Comparer);
    private readonly Dictionary<string, RegisteredName> _registered = new(UserNameRules.Comparer);
    private readonly TimeProvider _time;

    /// <summary>Creates the store; <see cref="Load"/> reads the file.</summary>
    /// <param name="dataFolder">The data folder.</param>
    /// <param name="operators">The operator accounts of the configuration.</param>
    /// <param name="time">The clock for registration times.</param>
    public AccountStore(string dataFolder, IEnumerable<OperatorAccount> operators, TimeProvider time)
    {
        _file = new DataFile<AccountsFile>(dataFolder, FileName, DataFileJson.Default.AccountsFile, "accounts");
        _time = time;
        foreach (var account in operators)
        {
            _operators[account.Name] = account; // the last --operator of a name wins
        }
    }

    /// <summary>The file the registrations are kept in.</summary>
    public string Path => _file.Path;

    /// <summary>Reads the registrations from the file, if there is one.</summary>
    /// <exception cref="ChatException">The file cannot be read or is not valid; the message names it.</exception>
    public void Load()
    {
        var file = _file.Read();
        lock (_lock)
        {
            _registered.Clear();
            foreach (var account in file?.Accounts ?? [])
            {
                if (account is null || UserNameRules.Check(account.Name) != UserNameProblem.None || !PasswordHash.IsWellFormed(account.Hash, out _))
                {
                    throw new ChatException($"The accounts file {_file.Path} holds an entry that is not a user name with a password hash ({account?.Name}); fix it or move it away.");
                }

                _registered[account.Name] = account;
            }
        }
    }

    /// <summary>The password hash a name needs, and whether it is an operator account's.</summary>
    /// <param name="name">The name, in any letter case.</param>
    /// <returns>The hash and the kind, or <see langword="null"/> when anybody may use the name.</returns>
    public (string Hash, bool IsOperator)? Find(string name)
    {
        lock (_lock)
        {
            if (_operators.TryGetValue(name, out var account))
            {
                return (account.Hash, true);
            }

            return _registered.TryGetValue(name, out var registered) ? (registered.Hash, false) : null;
        }
    }

    /// <summary>Whether a name is an operator account of the configuration.</summary>
    /// <param name="name">The name, in any letter case.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool IsOperator(string name)
    {
        lock (_lock)
        {
            return _operators.ContainsKey(name);
        }
    }

    /// <summary>Registers a name with a password's hash, or changes the hash of one registered.</summary>
    /// <param name="name">The name, as the user holds it.</param>
    /// <param name="hash">The hash (<see cref="PasswordHash"/>).</param>
    /// <exception cref="InvalidOperationException">The name is an operator account.</exception>
    /// <exception cref="IOException">The file could not be written; nothing changed.</exception>
    public void Register(string name, string hash)
    {
        lock (_lock)
        {
            if (_operators.ContainsKey(name))
            {
                throw new InvalidOperationException($"{name} is an operator account.");
            }

            var registered = new RegisteredName(name, hash, _time.GetUtcNow().UtcDateTime);
            Save([.. _registered.Values.Where(a => !UserNameRules.Comparer.Equals(a.Name, name)), registered]);
            _registered.Remove(name);
            _registered[name] = registered;
        }
    }

    /// <summary>Forgets a registered name: anybody may use it again.</summary>
    /// <param name="name">The name, in any letter case.</param>
    /// <returns>The name as it was registered, or <see langword="null"/> when it was not.</returns>
    /// <exception cref="IOException">The file could not be written; nothing changed.</exception>
    public string? Unregister(string name)
    {
        lock (_lock)
        {
            if (!_registered.TryGetValue(name, out var removed))
            {
                return null;
            }

            Save(_registered.Values.Where(a => !UserNameRules.Comparer.Equals(a.Name, name)));
            _registered.Remove(name);
            return removed.Name;
        }
    }

    /// <summary>The registered names and the operator accounts, sorted by name.</summary>
    /// <returns>A snapshot.</returns>
    public (IReadOnlyList<RegisteredName> Registered, IReadOnlyList<string> Operators) List()
    {
        lock (_lock)
        {
            return (
                [.. _registered.Values.OrderBy(static a => a.Name, UserNameRules.Comparer)],
                [.. _operators.Keys.Order(UserNameRules.Comparer)]);
        }
    }

    /// <summary>Writes the registered names a change leaves; the caller changes its own only once this has succeeded.</summary>
    private void Save(IEnumerable<RegisteredName> accounts) =>
        _file.Write(new AccountsFile { Accounts = [.. accounts.OrderBy(static a => a.Name, UserNameRules.Comparer)] });
}
