using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Chat.LoadTest.Clients.Epoll;

/// <summary>
/// One receive thread and the epoll instance it owns: the sockets of the
/// <see cref="EpollLoadClient"/>s handed to it are non-blocking and registered for input
/// (level-triggered); the thread waits in epoll_wait and, for each socket that has bytes, lets its
/// client read and handle them (<see cref="EpollLoadClient.OnReadable"/>) on this thread, with no
/// task, work item or continuation per read. Only this thread reads a registered socket and takes
/// it out of the set; a client that leaves asks it to (<see cref="RequestRemoval"/>), and the
/// thread does so within one wait (<see cref="WaitMilliseconds"/>), the time it also takes to see a stop.
/// </summary>
internal sealed unsafe class ReceiveLoop
{
    /// <summary>The longest epoll_wait: how soon the thread sees a stop or a removal.</summary>
    public const int WaitMilliseconds = 100;

    private const int MaxEvents = 256;

    private readonly int _epoll;
    private readonly Thread _thread;
    private readonly ConcurrentDictionary<ulong, EpollLoadClient> _clients = new();
    private readonly ConcurrentQueue<EpollLoadClient> _removals = new();
    private readonly Lock _adding = new();
    private ulong _nextToken;
    private volatile bool _stopRequested;
    private bool _stopped; // under _adding
    private string? _failure;

    /// <param name="number">The loop's number, for its thread's name.</param>
    /// <exception cref="InvalidOperationException">epoll_create1 failed.</exception>
    public ReceiveLoop(int number)
    {
        _epoll = EpollNative.EpollCreate1(EpollNative.EpollCloexec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"epoll receive {number}" };
        _thread.Start();
    }

    /// <summary>How many clients this loop reads now.</summary>
    public int Count => _clients.Count;

    /// <summary>Why the thread stopped before it was asked to, if it did.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Whether the thread has ended.</summary>
    public bool Ended => !_thread.IsAlive;

    /// <summary>Registers <paramref name="client"/>'s socket; from now on only this loop reads it.</summary>
    /// <exception cref="ObjectDisposedException">The loop has stopped.</exception>
    /// <exception cref="InvalidOperationException">epoll_ctl refused the socket.</exception>
    public void Add(EpollLoadClient client)
    {
        lock (_adding)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var token = ++_nextToken;
            client.Token = token;
            _clients[token] = client;
            var ev = new EpollNative.EpollEvent { Events = EpollNative.EpollIn | EpollNative.EpollRdHup, Data = token };
            if (EpollNative.EpollCtl(_epoll, EpollNative.EpollCtlAdd, client.Fd, &ev) < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                _clients.TryRemove(token, out _);
                throw new InvalidOperationException($"epoll_ctl could not add the socket: {Marshal.GetPInvokeErrorMessage(error)}");
            }
        }
    }

    /// <summary>
    /// Asks the thread to stop reading <paramref name="client"/>: it ends the client's session
    /// (<see cref="EpollLoadClient.OnEnded"/>) within one wait; at once if the loop has stopped or
    /// the session is over already.
    /// </summary>
    public void RequestRemoval(EpollLoadClient client) => _removals.Enqueue(client);

    /// <summary>Asks the thread to stop: it ends every session it still reads and closes its epoll instance.</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>Waits up to <paramref name="timeout"/> for the thread to end; false if it has not.</summary>
    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    private void Run()
    {
        var events = new EpollNative.EpollEvent[MaxEvents];
        try
        {
            fixed (EpollNative.EpollEvent* ready = events)
            {
                while (!_stopRequested)
                {
                    var count = EpollNative.EpollWait(_epoll, ready, MaxEvents, WaitMilliseconds);
                    if (count < 0)
                    {
                        var error = Marshal.GetLastPInvokeError();
                        if (error == EpollNative.EIntr)
                        {
                            continue;
                        }

                        Volatile.Write(ref _failure, $"epoll_wait failed: {Marshal.GetPInvokeErrorMessage(error)}");
                        return;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        if (_clients.TryGetValue(ready[i].Data, out var client) && !client.OnReadable())
                        {
                            Remove(client);
                        }
                    }

                    while (_removals.TryDequeue(out var leaving))
                    {
                        Remove(leaving);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _failure, $"the receive loop failed: {ex.Message}");
        }
        finally
        {
            lock (_adding)
            {
                _stopped = true;
            }

            // Asked to stop, the loop has normally no client left (the fleet closes its clients first);
            // after a failure, every session it still read is lost.
            var loss = _stopRequested ? null : Failure;
            foreach (var client in _clients.Values)
            {
                Remove(client, loss);
            }

            while (_removals.TryDequeue(out var leaving))
            {
                leaving.OnEnded(null); // removed already: ending twice is harmless
            }

            EpollNative.Close(_epoll);
        }
    }

    private void Remove(EpollLoadClient client, string? lossReason = null)
    {
        if (_clients.TryRemove(client.Token, out _))
        {
            var ev = default(EpollNative.EpollEvent);
            EpollNative.EpollCtl(_epoll, EpollNative.EpollCtlDel, client.Fd, &ev);
        }

        client.OnEnded(lossReason);
    }
}
