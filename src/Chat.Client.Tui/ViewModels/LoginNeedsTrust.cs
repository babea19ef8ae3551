namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The server's certificate is one this system does not trust (self-signed, most often) and the
/// user has not trusted it before: ask whether to (<see cref="LoginViewModel.Trust"/>), showing the fingerprint.
/// </summary>
/// <param name="Fingerprint">The certificate's SHA-256 fingerprint, to compare with the one the server's operator gives.</param>
/// <param name="Message">The question, in words.</param>
public sealed record LoginNeedsTrust(string Fingerprint, string Message) : LoginResult;
