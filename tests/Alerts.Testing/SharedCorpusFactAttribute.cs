namespace Alerts.Testing;

/// <summary>
/// A fact that needs <c>../shared</c>; skipped with the reason when it is absent. With <see cref="NeedsScorer"/>, also
/// skipped when <c>tools/score.py</c> or python3 is missing.
/// </summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    private bool _needsScorer;

    public SharedCorpusFactAttribute() => Skip = SharedCorpus.MissingReason(needsScorer: false);

    /// <summary>The test runs <see cref="SharedCorpus.Score"/>.</summary>
    public bool NeedsScorer
    {
        get => _needsScorer;
        set
        {
            _needsScorer = value;
            Skip = SharedCorpus.MissingReason(value);
        }
    }
}
