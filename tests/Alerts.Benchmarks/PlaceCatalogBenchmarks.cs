using Alerts.Extraction;
using Alerts.Extraction.Places;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks;

/// <summary>
/// The place catalog: loading the main tier (<see cref="PlaceCatalog.Load"/>), loading it plus the minor tier, and looking names
/// up. Setup prints the memory each tier retains (managed heap after a full collection, before and after loading).
/// One lookup operation = one name of <see cref="Names"/> (names, variants, misses, multi-word keys), looked up by its key or by
/// folding the phrase first.
/// </summary>
[MemoryDiagnoser]
public class PlaceCatalogBenchmarks
{
    private static readonly string[] Names =
    [
        "Kyiv", "Kiev", "Gaza", "Khan Younis", "Tripoli", "Jammu and Kashmir", "Ain al-Assad", "Red Sea", "South Kivu", "Mekelle",
        "Washington", "said", "the", "ceasefire", "Bakhmut", "Nangarhar province", "Strait of Hormuz", "Police", "Goma", "Nice",
    ];

    private PlaceCatalog _catalog = null!;
    private string[] _keys = [];

    [GlobalSetup]
    public void Setup()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _catalog = PlaceCatalog.Load();
        var main = GC.GetTotalMemory(forceFullCollection: true);
        var minor = _catalog.MinorEntries.Count;
        var both = GC.GetTotalMemory(forceFullCollection: true);
        _keys = Names.Select(TextFolding.Key).ToArray();
        Console.WriteLine($"// places: main tier {_catalog.Count} entries, {_catalog.KeyCount} keys, retains {(main - before) / 1e6:F1} MB; " +
            $"minor tier {minor} entries, {(both - main) / 1e6:F1} MB more");
    }

    [Benchmark]
    public int LoadMainTier() => PlaceCatalog.Load().Count;

    [Benchmark]
    public int LoadBothTiers()
    {
        var catalog = PlaceCatalog.Load();
        return catalog.Count + catalog.MinorEntries.Count;
    }

    [Benchmark(OperationsPerInvoke = 20)]
    public int FindKey()
    {
        var found = 0;
        foreach (var key in _keys)
        {
            found += _catalog.FindKey(key).Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = 20)]
    public int FindFoldingThePhrase()
    {
        var found = 0;
        foreach (var name in Names)
        {
            found += _catalog.Find(name).Count;
        }

        return found;
    }
}
