namespace Chat.Server;

/// <summary>What <see cref="OutgoingQueue.TryEnqueue(Chat.Protocol.Wire.EncodedMessage, bool, out bool)"/> did with a message.</summary>
internal enum EnqueueResult
{
    /// <summary>The message is queued.</summary>
    Added,

    /// <summary>The message was written to the connection at once, on the caller's thread.</summary>
    Sent,

    /// <summary>The queue is full: the client is not keeping up.</summary>
    Full,

    /// <summary>The queue is completed: the client is leaving.</summary>
    Closed,
}
