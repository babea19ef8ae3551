using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// A small JSON file of the data folder (<c>accounts.json</c>, <c>bans.json</c>): read whole at start,
/// written whole on every change, atomically: to a temporary file of mode 0600 next to it, flushed to
/// the disk, then renamed over it, so that a crash leaves the old file or the new one, never half of
/// one. The folder is created with mode 0700 when it does not exist.
/// </summary>
/// <typeparam name="T">What the file holds.</typeparam>
internal sealed class DataFile<T>
    where T : class
{
    private readonly JsonTypeInfo<T> _type;
    private readonly string _what;

    /// <summary>Names a file.</summary>
    /// <param name="folder">The data folder.</param>
    /// <param name="fileName">The file's name in it.</param>
    /// <param name="type">How it is serialized.</param>
    /// <param name="what">What it holds, for error texts ("accounts").</param>
    public DataFile(string folder, string fileName, JsonTypeInfo<T> type, string what)
    {
        Folder = folder;
        Path = System.IO.Path.Combine(folder, fileName);
        _type = type;
        _what = what;
    }

    /// <summary>The data folder.</summary>
    public string Folder { get; }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Reads the file.</summary>
    /// <returns>What it holds, or <see langword="null"/> when there is no file yet.</returns>
    /// <exception cref="ChatException">It cannot be read or is not what it should be; the message names it.</exception>
    public T? Read()
    {
        try
        {
            if (!File.Exists(Path))
            {
                return null;
            }

            using var stream = File.OpenRead(Path);
            return JsonSerializer.Deserialize(stream, _type)
                ?? throw new ChatException($"The {_what} file {Path} holds no {_what} (it says null); fix it or move it away.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : string.Empty;
            throw new ChatException($"The {_what} file {Path} is not valid{where}: {FirstSentence(ex.Message)} Fix it or move it away, then start the server again.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ChatException($"The {_what} file {Path} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the file atomically (see the type's remarks).</summary>
    /// <param name="value">What it holds from now on.</param>
    /// <exception cref="IOException">It could not be written; the old file is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written.</exception>
    public void Write(T value)
    {
        DataFolder.Ensure(Folder);
        var temporary = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, value, _type);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..(cut + 1)];
    }
}
