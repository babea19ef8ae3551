using System.Diagnostics;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

// The input line's cost by length: typing key by key (each key handled and the screen drawn, as
// the main loop does; a key's figures include Terminal.Gui's own frame, about 1 MB and 1-2 ms on a
// 100x30 screen whatever the line), pasting the whole line at once (a bracketed paste), and
// drawing it with the cursor at the end and at the start. "retained" is the memory still held
// after typing the line, after a full collection. Headless Terminal.Gui on a 100x30 screen; `--textfield` measures
// Terminal.Gui's own TextField the same way, for comparison (slow: 1,000 characters take seconds).
Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
var textField = args.Contains("--textfield");
int[] lengths = textField ? [100, 1000] : [100, 1000, 4000];

using var app = Application.Create(new VirtualTimeProvider()).Init(DriverRegistry.Names.ANSI);
app.Driver!.SetScreenSize(100, 30);
var window = new Window();
var line = new InputLine();
View input = textField
    ? new TextField { Width = Dim.Fill() }
    : new InputLineView(line) { Width = Dim.Fill() };
window.Add(input);
var session = app.Begin(window);
input.SetFocus();

Console.WriteLine($"{(textField ? "Terminal.Gui TextField" : "InputLineView")}, 100x30 headless screen, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"chars",6} | {"type: total",12} {"key mean",9} {"key max",9} {"alloc/key",10} {"retained",9} | {"paste+draw",11} {"allocated",10} | {"draw end",9} {"draw home",10}");

// A warm-up round so that the first row does not pay for the JIT.
Measure(200, print: false);
foreach (var length in lengths)
{
    Measure(length, print: true);
}

app.End(session!);
return 0;

void Measure(int length, bool print)
{
    var text = string.Concat(Enumerable.Range(0, length).Select(i => i % 7 == 6 ? ' ' : (char)('a' + (i % 26))));
    Clear();
    var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var slowest = TimeSpan.Zero;
    var typing = Stopwatch.StartNew();
    foreach (var c in text)
    {
        var key = Stopwatch.GetTimestamp();
        app.InjectKey(new Key(c));
        app.LayoutAndDraw();
        var elapsed = Stopwatch.GetElapsedTime(key);
        slowest = elapsed > slowest ? elapsed : slowest;
    }

    typing.Stop();
    var typedAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
    Check(text);

    Clear();
    allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var paste = Stopwatch.StartNew();
    app.RaisePasteEvent(text);
    app.LayoutAndDraw();
    paste.Stop();
    var pasteAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    Check(text);

    var drawEnd = Stopwatch.StartNew();
    app.LayoutAndDraw(forceRedraw: true);
    drawEnd.Stop();
    app.InjectKey(Key.Home);
    var drawHome = Stopwatch.StartNew();
    app.LayoutAndDraw(forceRedraw: true);
    drawHome.Stop();

    if (print)
    {
        Console.WriteLine(
            $"{length,6:N0} | {Ms(typing.Elapsed),12} {Ms(typing.Elapsed / length),9} {Ms(slowest),9} {Mb(typedAllocated / length),10} {Mb(retained),9} | " +
            $"{Ms(paste.Elapsed),11} {Mb(pasteAllocated),10} | {Ms(drawEnd.Elapsed),9} {Ms(drawHome.Elapsed),10}");
    }
}

void Clear()
{
    if (input is TextField field)
    {
        field.Text = string.Empty;
    }
    else
    {
        line.Clear();
    }

    app.LayoutAndDraw(forceRedraw: true);
}

void Check(string text)
{
    var actual = input is TextField field ? field.Text : line.Text;
    if (actual != text)
    {
        throw new InvalidOperationException($"The line holds {actual.Length} characters, not the {text.Length} typed.");
    }
}

static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:N1} ms";

static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N2} MB";
