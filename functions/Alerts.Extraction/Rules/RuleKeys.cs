namespace Alerts.Extraction.Rules;

/// <summary>
/// Numbers the keys the rule sets index (<see cref="TokenPattern.FirstKeys"/>, <see cref="TokenPattern.RequiredKeys"/>): the
/// shapes and mentions first, then folded words, so a document looks each token's word up once for all the rule sets. Filled
/// while the rule book loads, only read after.
/// </summary>
internal sealed class RuleKeys
{
    /// <summary>The ids of the shape and mention keys ("#cap", "#num", "#place", "#actor", "#date").</summary>
    public const int Cap = 0, Number = 1, Place = 2, Actor = 3, Date = 4;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { ["#cap"] = Cap, ["#num"] = Number, ["#place"] = Place, ["#actor"] = Actor, ["#date"] = Date };

    /// <summary>The id of a key, numbering it when it is new.</summary>
    public int Add(string key)
    {
        if (!_ids.TryGetValue(key, out var id))
        {
            id = _ids[key] = _ids.Count;
        }

        return id;
    }

    /// <summary>The id of a token's folded word, or -1 when no rule names it.</summary>
    public int IdOf(string norm) => _ids.TryGetValue(norm, out var id) ? id : -1;
}
