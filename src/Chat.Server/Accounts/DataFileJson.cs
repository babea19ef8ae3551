using System.Text.Json.Serialization;

namespace Chat.Server;

/// <summary>The JSON of the data folder's files, generated at build time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(AccountsFile))]
[JsonSerializable(typeof(BansFile))]
internal sealed partial class DataFileJson : JsonSerializerContext;
