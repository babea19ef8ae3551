using System.CommandLine;
using System.CommandLine.Parsing;

namespace Chat.Server;

/// <summary>The command line's options of accounts: operator accounts, registration, and the <c>hash-password</c> subcommand.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<OperatorAccount[]> _operators = new("--operator")
    {
        Description = "An operator account, NAME:HASH with the hash from 'Chat.Server hash-password'; repeat it for more. A user who connects with that name and its password is an operator in the chat.",
        HelpName = "name:hash",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
        CustomParser = ParseOperators,
    };

    private readonly Option<bool> _registration = new("--registration")
    {
        Description = "Whether users may register their names with a password (--registration false turns it off; registered names stay protected).",
        HelpName = "true|false",
        DefaultValueFactory = _ => true,
    };

    private void AddAccountOptions()
    {
        Command.Options.Add(_operators);
        Command.Options.Add(_registration);
        Command.Subcommands.Add(HashPasswordCommand.Create(() => _input));
    }

    /// <summary>Adds the account options to the settings.</summary>
    private ChatServerOptions WithAccounts(ParseResult result, ChatServerOptions options) => options with
    {
        Operators = result.GetValue(_operators) ?? [],
        Registration = result.GetValue(_registration),
    };

    private static OperatorAccount[] ParseOperators(ArgumentResult result)
    {
        var accounts = new List<OperatorAccount>();
        foreach (var token in result.Tokens)
        {
            if (OperatorAccount.TryParse(token.Value, out var account, out var problem))
            {
                accounts.Add(account!);
            }
            else
            {
                result.AddError(problem);
            }
        }

        return [.. accounts];
    }
}
