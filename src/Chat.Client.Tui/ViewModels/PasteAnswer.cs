namespace Chat.Client.Tui.ViewModels;

/// <summary>What to do with a paste of many lines (<see cref="ChatViewModel.AnswerPaste"/>).</summary>
public enum PasteAnswer
{
    /// <summary>Send nothing.</summary>
    Cancel = 0,

    /// <summary>Send one line per line of the paste.</summary>
    SendLines = 1,

    /// <summary>Join the lines with spaces and send them as one line (cut where the server's limit requires).</summary>
    JoinIntoOneLine = 2,
}
