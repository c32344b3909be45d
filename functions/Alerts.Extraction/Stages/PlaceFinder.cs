using System.Globalization;
using Alerts.Core;
using Alerts.Extraction.Rules;
using Alerts.Extraction.Text;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stage: places. Finds the places a document names: gazetteer names (longest first; an ambiguous name only after a
/// locative preposition), places the text itself introduces ("the town of X", "X district" — place rules), a direction
/// before a place ("southern Lebanon"), and marks mentions that are not scenes (a speaking capital, a country's ministry).
/// A name introduced once is a place for the rest of the article.
/// </summary>
internal sealed class PlaceFinder(IPlaceSource source, RuleBook rules)
{
    private readonly WordClass _locative = rules.Lexicon.Class("locative_prep");
    private readonly WordClass _particles = rules.Lexicon.Class("name_particle");
    private readonly WordClass _notNames = rules.Lexicon.Class("not_a_place_name");
    private readonly WordClass _facilityWords = rules.Lexicon.Class("facility_word");
    private readonly WordClass _controlSuffix = rules.Lexicon.Class("control_suffix");
    private readonly WordClass _directions = rules.Lexicon.Class("direction");
    private readonly WordClass _geoNouns = rules.Lexicon.Class("geo_common_noun");
    private readonly WordClass _settlementPrefix = rules.Lexicon.Class("settlement_prefix");

    public List<PlaceMention> Find(Document doc, IReadOnlyList<ActorMention> actors)
    {
        var found = new List<PlaceMention>();
        var tokens = doc.Tokens;
        var introduced = new Dictionary<string, PlaceRef>(StringComparer.Ordinal);

        // Gazetteer names.
        foreach (var sentence in doc.Sentences)
        {
            for (var i = sentence.First; i < sentence.End; i++)
            {
                // "Pakistan-controlled", "Israeli-held": an area under a place.
                if (Controlled(doc, i) is { } controlled)
                {
                    found.Add(new PlaceMention(i, i + 1, controlled, "controlled-area"));
                    continue;
                }

                if (!CanStartName(tokens, i, sentence.End))
                {
                    continue;
                }

                var first = FirstWord(doc.KeyOf(i, i + 1));
                var longest = first.IsEmpty ? int.MaxValue : source.LongestFrom(first);
                for (var n = Math.Min(source.MaxWords, WordsAt(tokens, i, sentence.End)); n >= 1; n--)
                {
                    // No name that starts with the word has that many words: nothing to look up.
                    var key = doc.KeyOf(i, i + n);
                    if (key.Count(' ') + 1 > longest && FirstWord(key).SequenceEqual(first))
                    {
                        continue;
                    }

                    var candidates = source.Lookup(key);
                    if (candidates.Count == 0)
                    {
                        continue;
                    }

                    var place = candidates[0];
                    // "the Valley", "Western warships": a common noun of geography or a direction alone is no place.
                    if (n == 1 && (_geoNouns.Contains(tokens[i].Norm) || _directions.Contains(tokens[i].Norm)))
                    {
                        continue;
                    }

                    if ((place.Ambiguous || place.Minor) && (!AfterLocative(tokens, i, sentence.First) || (place.Ambiguous && i > 0 && tokens[i - 1].Norm == "the")))
                    {
                        continue;
                    }

                    // "Hassan Nasrallah", "Ismail Haniyeh": a name after a capitalised word that is no place is a person's or an organisation's.
                    if (InLongerName(tokens, i, sentence.First, found))
                    {
                        break;
                    }

                    // "Qasr Zenata", "Tarin Kot": one word of a longer name the gazetteer does not know is not that word's place.
                    if (n == 1 && sentence.Zone != Zone.Headline && StartsLongerName(tokens, i + 1, sentence.End))
                    {
                        break;
                    }

                    found.Add(new PlaceMention(i, i + n, place, "gazetteer"));
                    i += n - 1;
                    break;
                }
            }
        }

        Publish(doc, found);
        doc.DetectDateline(rules);

        // "PORT VELRA —": a dateline the gazetteer does not know still names a place.
        if (doc.Dateline is { } line && line.End > line.Start && !found.Any(p => p.Start < line.End && line.Start < p.End) && IsName(tokens, line.Start, line.End))
        {
            var text = doc.TextOf(line.Start, line.End);
            var name = tokens[line.Start].Is(TokenFlags.AllCaps) ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant()) : text;
            var placeRef = new PlaceRef(new Place(name, null, null, "town"), PlaceRef.SpecificityOf("town"), []);
            found.Add(new PlaceMention(line.Start, line.End, placeRef, "dateline"));
            Introduce(doc, introduced, line.Start, line.End, placeRef);
        }

        // Place rules: names the text introduces, directions, and mentions that are not scenes.
        var notScene = new List<(int Start, int End, string Rule)>();
        foreach (var sentence in doc.Sentences)
        {
            foreach (var m in rules.Places.Matches(tokens, sentence.First, sentence.End, doc))
            {
                var data = m.Rule.Data;
                if (m.Match.Find("place") is not { } capture)
                {
                    continue;
                }

                // "the Odesa port" is the city's own port, the scene; "the Black Sea port of X" describes X.
                var citysPort = capture.End + 1 < sentence.End && tokens[capture.End].Norm == "port" && tokens[capture.End + 1].Norm != "of"
                                && found.Any(p => p.Start == capture.Start && p.End == capture.End && p.Place.Specificity >= 5);
                if (data.NotScene && !citysPort)
                {
                    notScene.Add((capture.Start, capture.End, data.Name));
                    continue;
                }

                var existing = found.FirstOrDefault(p => p.Start == capture.Start && p.End == capture.End);
                if (data.Kind == "direction")
                {
                    if (existing is not null && m.Match.Find("direction") is { } dir)
                    {
                        var name = $"{doc.TextOf(dir.Start, dir.End).ToLowerInvariant()} {existing.Place.Name}";
                        var qualified = new PlaceRef(existing.Place.Place with { Name = name, Kind = "area" }, existing.Place.Specificity + 1,
                            [existing.Place.Name, .. existing.Place.Containers], Approximate: true);
                        found.Remove(existing);
                        found.Add(new PlaceMention(dir.Start, capture.End, qualified, data.Name));
                    }

                    continue;
                }

                if (data.Kind == "border")
                {
                    if (Border(doc, m.Match, found) is { } border)
                    {
                        found.RemoveAll(p => p.Start < m.Match.End && m.Match.Start < p.End);
                        found.Add(new PlaceMention(m.Match.Start, m.Match.End, border, data.Name));
                    }

                    continue;
                }

                // "the Valley", "the Gulf": a common noun of geography alone names no place.
                if (existing is not null || found.Any(p => p.Start < capture.End && capture.Start < p.End) || !IsName(tokens, capture.Start, capture.End)
                    || (capture.End - capture.Start == 1 && _geoNouns.Contains(tokens[capture.Start].Norm)))
                {
                    continue;
                }

                var text = doc.TextOf(capture.Start, capture.End);
                if (actors.Any(a => a.Start <= capture.Start && capture.End <= a.End) || source.Demonym(doc.KeyOf(capture.Start, capture.Start + 1)) is not null)
                {
                    continue;
                }

                var kind = m.Match.Find("kind") is { } k ? doc.TextOf(k.Start, k.End).ToLowerInvariant() : data.Kind;
                // The place around it: named right after ("X in Y", "X, Y") or before with a possessive ("Y's X").
                var container = found.FirstOrDefault(p => p.Start >= capture.End && p.Start - capture.End <= 4 && !p.NotScene)
                                ?? found.FirstOrDefault(p => p.End + 1 == capture.Start && tokens[p.End].Norm == "'s");
                // A name the text introduced before ("PORT VELRA —", then "the old district of Velra") is that place.
                if (introduced.TryGetValue(Key(doc, capture.Start, capture.End), out var told))
                {
                    found.Add(new PlaceMention(capture.Start, capture.End, told, "introduced"));
                    continue;
                }

                var known = source.Lookup(doc.KeyOf(capture.Start, capture.End));
                var placeRef = known.Count > 0
                    ? known[0]
                    : new PlaceRef(new Place(text, container?.Place.Place.Province ?? (container?.Place.Place.Kind is "province" or "region" ? container.Place.Name : null), container?.Place.Place.Country ?? (container?.Place.Place.Kind == "country" ? container.Place.Name : null), kind),
                        PlaceRef.SpecificityOf(kind), container is null ? [] : [container.Place.Name, .. container.Place.Containers]);
                var weak = data.Kind == "weak";
                found.Add(new PlaceMention(capture.Start, capture.End, placeRef, data.Name, Weak: weak));
                if (!weak)
                {
                    Introduce(doc, introduced, capture.Start, capture.End, placeRef);
                }
            }
        }

        // A name introduced once is a place wherever it recurs.
        if (introduced.Count > 0)
        {
            var introducedKeys = introduced.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var sentence in doc.Sentences)
            {
                for (var i = sentence.First; i < sentence.End; i++)
                {
                    if (!tokens[i].IsCapitalized || found.Any(p => p.Start <= i && i < p.End))
                    {
                        continue;
                    }

                    for (var n = Math.Min(4, WordsAt(tokens, i, sentence.End)); n >= 1; n--)
                    {
                        if (introducedKeys.TryGetValue(doc.KeyOf(i, i + n), out var place) && !found.Any(p => p.Start < i + n && i < p.End))
                        {
                            found.Add(new PlaceMention(i, i + n, place, "introduced"));
                            i += n - 1;
                            break;
                        }
                    }
                }
            }
        }

        // Mentions that are speakers, institutions or destinations (never the object of a preposition: "the attack on X occurred").
        for (var k = 0; k < found.Count; k++)
        {
            var p = found[k];
            var governed = p.Start > 0 && _locative.Contains(tokens[p.Start - 1].Norm);
            var hit = governed ? default : notScene.FirstOrDefault(n => n.Start <= p.Start && p.End <= n.End + 1 && n.Start < p.End);
            if (hit.Rule is not null)
            {
                found[k] = p with { NotScene = true, NotSceneRule = hit.Rule };
            }

            if (doc.Dateline is { } dateline && p.Start >= dateline.Start && p.End <= dateline.End)
            {
                found[k] = found[k] with { IsDateline = true };
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        PlaceInHome(doc, found);
        PlaceInArea(found);
        Publish(doc, found);
        return found;
    }

    /// <summary>
    /// "the Harbour Market", "the Dock Road crossing": a spot the gazetteer does not know, named with nothing around it, lies in
    /// the town the article keeps returning to (named after a preposition at least twice, more than any other).
    /// </summary>
    private void PlaceInHome(Document doc, List<PlaceMention> found)
    {
        var towns = found.Where(p => !p.NotScene && p.Place.Specificity is >= 5 and < 7 && p.Start > 0 && AfterLocative(doc.Tokens, p.Start, 0))
            .GroupBy(p => p.Place.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Place: g.First().Place, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ToList();
        if (towns.Count == 0 || towns[0].Count < 2 || (towns.Count > 1 && towns[1].Count == towns[0].Count))
        {
            return;
        }

        var home = towns[0].Place;
        for (var k = 0; k < found.Count; k++)
        {
            var p = found[k].Place;
            // "in Ambara" with no article may name a country or a region; "at the Harbour Market" is a spot.
            var spot = p.Specificity > home.Specificity || (found[k].Weak && found[k].Start > 0 && doc.Tokens[found[k].Start - 1].Norm == "the");
            if (p.Containers.Count == 0 && spot && found[k].Rule is not ("gazetteer" or "dateline" or "controlled-area")
                && !string.Equals(p.Name, home.Name, StringComparison.OrdinalIgnoreCase))
            {
                found[k] = found[k] with { Place = p with { Containers = [home.Name, .. home.Containers] } };
            }
        }
    }

    /// <summary>
    /// "an air strike on the town of Adi Kelem … in Ethiopia's Tigray region": a town the gazetteer does not know, named with
    /// nothing around it, lies in the region or country the article names most (at least twice, more than any other).
    /// </summary>
    private static void PlaceInArea(List<PlaceMention> found)
    {
        var areas = found.Where(p => !p.NotScene && p.Rule == "gazetteer" && p.Place.Specificity <= 3 && p.Place.Place.Kind != "border")
            .GroupBy(p => p.Place.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Place: g.First().Place, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.Place.Specificity)
            .ToList();
        if (areas.Count == 0 || areas[0].Count < 2 || (areas.Count > 1 && areas[1].Count == areas[0].Count && !areas[1].Place.Contains(areas[0].Place) && !areas[0].Place.Contains(areas[1].Place)))
        {
            return;
        }

        var area = areas[0].Place;
        for (var k = 0; k < found.Count; k++)
        {
            var p = found[k].Place;
            if (p.Containers.Count == 0 && p.Specificity > area.Specificity && found[k].Rule is not ("gazetteer" or "dateline" or "controlled-area" or "introduced")
                && !string.Equals(p.Name, area.Name, StringComparison.OrdinalIgnoreCase))
            {
                found[k] = found[k] with { Place = p with { Containers = [area.Name, .. area.Containers] } };
            }
        }
    }

    /// <summary>A name the text introduces, and its short form when it opens with a word like 'Port' ("Kessar" for "Port Kessar").</summary>
    private void Introduce(Document doc, Dictionary<string, PlaceRef> introduced, int start, int end, PlaceRef place)
    {
        introduced.TryAdd(Key(doc, start, end), place);
        if (end - start >= 2 && _settlementPrefix.Contains(doc.Tokens[start].Norm))
        {
            introduced.TryAdd(Key(doc, start + 1, end), place);
        }
    }

    private static void Publish(Document doc, List<PlaceMention> found)
    {
        Array.Fill(doc.PlaceEnd, -1);
        foreach (var p in found)
        {
            doc.PlaceEnd[p.Start] = Math.Max(doc.PlaceEnd[p.Start], p.End);
        }
    }

    private PlaceRef? Controlled(Document doc, int i)
    {
        var token = doc.Tokens[i];
        var dash = token.Norm.LastIndexOf('-');
        if (!token.Is(TokenFlags.Hyphenated) || dash <= 0 || !_controlSuffix.Contains(token.Norm[(dash + 1)..]))
        {
            return null;
        }

        var head = TextFolding.Key(token.Norm[..dash]);
        var place = source.Lookup(head) is [var known, ..] ? known : source.Demonym(head);
        return place is null ? null : new PlaceRef(place.Place with { Name = doc.TextOf(i, i + 1), Kind = "area" }, place.Specificity + 1, [place.Name, .. place.Containers], Approximate: true);
    }

    /// <summary>
    /// "the Thai-Cambodian border", "the border between Sudan and South Sudan": the border of two countries, named in
    /// alphabetical order so that every telling is one place, inside both countries.
    /// </summary>
    private PlaceRef? Border(Document doc, PatternMatch match, List<PlaceMention> found)
    {
        string?[] sides = match.Find("pair") is { } pair
            ? doc.Tokens[pair.Start].Is(TokenFlags.Hyphenated) && doc.Tokens[pair.Start].Norm.Split('-') is [var left, var right] ? [CountryOf(left), CountryOf(right)] : StoryPair()
            : [.. new[] { match.Find("a"), match.Find("b") }.Select(c => c is { } side ? found.FirstOrDefault(p => p.Start == side.Start)?.Place : null)
                .Select(p => p?.Place.Kind == "country" ? p.Name : p?.Place.Country)];
        if (sides is not [{ } a, { } b] || string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string[] countries = [.. new[] { a, b }.Order(StringComparer.Ordinal)];
        return new PlaceRef(new Place($"{countries[0]}-{countries[1]} border", Kind: "border"), PlaceRef.SpecificityOf("border"), countries);

        // "the border", "border clashes": the border of the two countries the article is about, when it names two again and again.
        string?[] StoryPair()
        {
            var countries = found.Where(p => !p.NotScene)
                .Select(p => p.Place.Place.Kind == "country" ? p.Place.Name : p.Place.Place.Country)
                .OfType<string>()
                .CountBy(c => c, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(c => c.Value)
                .ToList();
            return countries is [var first, var second, ..] && second.Value >= 2 && (countries.Count == 2 || countries[2].Value < second.Value) ? [first.Key, second.Key] : [];
        }

        string? CountryOf(string word)
        {
            var place = source.Lookup(TextFolding.Key(word)) is [var known, ..] ? known : source.Demonym(TextFolding.Key(word));
            return place?.Place.Kind == "country" ? place.Name : place?.Place.Country;
        }
    }

    /// <summary>A capitalised word before the name that is neither a place, a title nor the sentence's first word makes it part of a longer name.</summary>
    private bool InLongerName(List<Token> tokens, int i, int first, List<PlaceMention> found)
    {
        if (i - 1 < first + 1)
        {
            return false;
        }

        var before = tokens[i - 1];
        return before.IsCapitalized && before.IsWord && !before.Is(TokenFlags.AllCaps) && !_notNames.Contains(before.Norm) && !_directions.Contains(before.Norm)
               && !found.Any(p => p.End == i) && source.Demonym(before.Norm) is null && !_geoNouns.Contains(before.Norm);
    }

    /// <summary>A capitalised word after a name that no place starts with and that is no word of geography or of a facility.</summary>
    private bool StartsLongerName(List<Token> tokens, int next, int end)
    {
        if (next >= end)
        {
            return false;
        }

        var t = tokens[next];
        return t.IsCapitalized && t.IsWord && !t.Is(TokenFlags.AllCaps) && !t.Is(TokenFlags.Hyphenated) && !_notNames.Contains(t.Norm) && !_geoNouns.Contains(t.Norm)
               && !_directions.Contains(t.Norm) && !_facilityWords.Contains(t.Norm) && source.Demonym(t.Norm) is null && source.LongestFrom(t.Norm) == 0;
    }

    private bool CanStartName(List<Token> tokens, int i, int end)
    {
        var t = tokens[i];
        if (t.IsCapitalized && t.IsWord && !_notNames.Contains(t.Norm))
        {
            return true;
        }

        // "al Asad", "al-Asad": a lower-case particle before a capitalised word.
        if (_particles.Contains(t.Norm) && i + 1 < end && tokens[i + 1].IsCapitalized)
        {
            return true;
        }

        var dash = t.Norm.IndexOf('-');
        return dash > 0 && _particles.Contains(t.Norm[..dash]);
    }

    /// <summary>Every token of a span introduced by a rule is capitalised (or a particle inside the name).</summary>
    private bool IsName(List<Token> tokens, int start, int end)
    {
        if (_facilityWords.Contains(tokens[start].Norm))
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            if (!tokens[i].IsCapitalized && !(i > start && _particles.Contains(tokens[i].Norm)))
            {
                return false;
            }

            if (_notNames.Contains(tokens[i].Norm))
            {
                return false;
            }
        }

        return true;
    }

    private bool AfterLocative(List<Token> tokens, int i, int first)
    {
        var k = i - 1;
        if (k >= first && tokens[k].Norm == "the")
        {
            k--;
        }

        return k >= first && _locative.Contains(tokens[k].Norm);
    }

    public static string Key(Document doc, int start, int end) => doc.KeyOf(start, end).ToString();

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> key) => key.IndexOf(' ') is >= 0 and var space ? key[..space] : key;

    /// <summary>How many words follow <paramref name="i"/> before punctuation: a name never spans a comma or a colon.</summary>
    public static int WordsAt(List<Token> tokens, int i, int end)
    {
        var n = 0;
        while (i + n < end && tokens[i + n].IsWord)
        {
            n++;
        }

        return n;
    }
}
