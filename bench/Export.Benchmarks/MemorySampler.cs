using System.Diagnostics;

namespace Export.Benchmarks;

/// <summary>
/// Samples the managed heap every few milliseconds on its own thread while a phase runs: the largest
/// <see cref="GC.GetTotalMemory(bool)"/> seen (live and not yet collected objects) and the largest heap size the GC
/// reported after a collection (<see cref="GC.GetGCMemoryInfo()"/>).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    private MemorySampler()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long PeakTotalMemory { get; private set; }

    public long PeakHeapAfterGc { get; private set; }

    public int Samples { get; private set; }

    /// <summary>Collects first, so each phase starts from the same floor.</summary>
    public static MemorySampler Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return new MemorySampler();
    }

    private void Sample()
    {
        while (!_stop)
        {
            PeakTotalMemory = Math.Max(PeakTotalMemory, GC.GetTotalMemory(forceFullCollection: false));
            PeakHeapAfterGc = Math.Max(PeakHeapAfterGc, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
            Samples++;
            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
