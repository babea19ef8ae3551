using System.Runtime.InteropServices;

namespace Chat.LoadTest.Clients.Epoll;

/// <summary>
/// The few libc calls a <see cref="ReceiveLoop"/> makes (Linux, x86-64: <see cref="EpollEvent"/>
/// has that architecture's packed layout). Each returns -1 on failure, with the errno in
/// <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class EpollNative
{
    public const int EpollCloexec = 0x80000;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const uint EpollIn = 0x001;
    public const uint EpollRdHup = 0x2000;
    public const int MsgDontWait = 0x40;
    public const int EIntr = 4;
    public const int EAgain = 11;

    /// <summary>Whether this process can use them: Linux on x86-64.</summary>
    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epoll, int operation, int fd, EpollEvent* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, EpollEvent* events, int maxEvents, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>libc's <c>struct epoll_event</c> on x86-64: 32-bit events, then 64 bits of data, packed (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }
}
