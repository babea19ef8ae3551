using System.CommandLine;
using System.Text;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// <c>Chat.Server hash-password</c>: reads a password from standard input (without echo, and twice
/// to confirm it, when that is a terminal; otherwise its first line) and prints its hash
/// (<see cref="PasswordHash"/>) for <c>--operator NAME:HASH</c>.
/// </summary>
internal static class HashPasswordCommand
{
    /// <summary>Makes the subcommand.</summary>
    /// <param name="input">Standard input, or a test's reader.</param>
    /// <returns>The command.</returns>
    public static Command Create(Func<TextReader> input)
    {
        var command = new Command(
            "hash-password",
            "Reads a password from standard input (typed twice, without echo, on a terminal) and prints its hash, for --operator NAME:HASH.");
        command.SetAction((result, _) =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            var reader = input();
            var terminal = ReferenceEquals(reader, Console.In) && !Console.IsInputRedirected;
            string? password;
            if (terminal)
            {
                password = ReadHidden(stderr, "Password: ");
                if (password is not null && ReadHidden(stderr, "Once more: ") != password)
                {
                    stderr.WriteLine("The two passwords differ; nothing was hashed.");
                    return Task.FromResult(1);
                }
            }
            else
            {
                password = reader.ReadLine();
            }

            if (string.IsNullOrEmpty(password))
            {
                stderr.WriteLine("No password was given on standard input; nothing was hashed.");
                return Task.FromResult(1);
            }

            if (NamePasswordRules.Check(password) is { } problem)
            {
                stderr.WriteLine($"{problem} Nothing was hashed.");
                return Task.FromResult(1);
            }

            stdout.WriteLine(PasswordHash.Hash(password));
            if (terminal)
            {
                stderr.WriteLine("Give it to the server as --operator NAME:HASH (in a configuration file, or quoted: the hash holds $ signs).");
            }

            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Reads a line from the terminal without showing it.</summary>
    private static string? ReadHidden(TextWriter prompt, string text)
    {
        prompt.Write(text);
        prompt.Flush();
        var line = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    prompt.WriteLine();
                    return line.ToString();
                case ConsoleKey.Backspace when line.Length > 0:
                    line.Length--;
                    break;
                default:
                    if (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key is ConsoleKey.C or ConsoleKey.D)
                    {
                        prompt.WriteLine();
                        return null;
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
