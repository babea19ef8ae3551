using System.Net;
using System.Net.Sockets;
using Chat.Protocol.Internal;
using Chat.Protocol.Wire.Transports;

namespace Chat.Protocol.Wire;

public sealed partial class ChatConnection
{
    /// <summary>
    /// Opens a TCP connection to a chat server. Every address the host name resolves to is
    /// tried in turn.
    /// </summary>
    /// <param name="host">A host name or an IP address.</param>
    /// <param name="port">The server's TCP port, 1 to 65535.</param>
    /// <param name="options">Settings; <see cref="ChatConnectionOptions.Default"/> when omitted.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="ChatHostNotFoundException">The host name does not resolve.</exception>
    /// <exception cref="ChatConnectionRefusedException">Nothing listens on that port.</exception>
    /// <exception cref="ChatTimeoutException">The server did not answer (or finish the TLS handshake) within <see cref="ChatConnectionOptions.ConnectTimeout"/>.</exception>
    /// <exception cref="ChatTlsException">With <see cref="ChatConnectionOptions.Tls"/>: the certificate failed the check, or the server does not use TLS.</exception>
    /// <exception cref="ChatException">Any other network failure, described in words.</exception>
    public static async Task<ChatConnection> ConnectAsync(
        string host, int port, ChatConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        options ??= ChatConnectionOptions.Default;
        options.Validate();

        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token).ConfigureAwait(false);
                if (options.Tls is { } tls)
                {
                    return await HandshakeTlsAsync(socket, host, port, options, tls, timeout.Token).ConfigureAwait(false);
                }

                // A connection this side opened is usually a client's only one: receive without the zero-byte wait.
                return WrapSocket(socket, options, waitForData: false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new ChatTimeoutException(
                    $"{EndPointText.Format(host, port)} did not answer within {options.ConnectTimeout.TotalSeconds:0.#} s.", ex);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw DescribeConnectFailure(host, port, last);
    }

    private static async Task<ChatConnection> HandshakeTlsAsync(
        Socket socket, string host, int port, ChatConnectionOptions options, ChatTlsOptions tls, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        var stream = await TlsClientHandshake.RunAsync(socket, host, port, tls, cancellationToken).ConfigureAwait(false);
        return new ChatConnection(TlsTransport.FromAuthenticated(socket, stream, options), options);
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? addresses : throw new ChatHostNotFoundException(host);
        }
        catch (SocketException ex)
        {
            throw new ChatHostNotFoundException(host, ex);
        }
    }

    private static ChatException DescribeConnectFailure(string host, int port, SocketException? error)
    {
        var where = EndPointText.Format(host, port);
        return error?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => new ChatConnectionRefusedException(host, port, error),
            SocketError.TimedOut => new ChatTimeoutException($"{where} did not answer in time.", error),
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown =>
                new ChatException($"Cannot reach {where}: the network or the host is unreachable.", error),
            null => new ChatException($"Cannot connect to {where}."),
            _ => new ChatException($"Cannot connect to {where}: {error.Message}.", error),
        };
    }
}
