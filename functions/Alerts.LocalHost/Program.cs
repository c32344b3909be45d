using System.CommandLine;
using Alerts.LocalHost;

var root = new RootCommand("Alerts local host: the function app's functions on Azurite, on the WebJobs trigger engine the Functions host runs.");

var runFolder = new Argument<DirectoryInfo?>("folder") { Arity = ArgumentArity.ZeroOrOne, Description = "Articles to drop first (default: samples/articles)." };
var once = new Option<bool>("--once") { Description = "Exit when the container and the queues are drained." };
var run = new Command("run", "Start the pipeline on Azurite, drop the folder's articles, print alerts as they fire.") { runFolder, once };
run.SetAction((result, ct) => LocalCommands.RunAsync(result.GetValue(runFolder), result.GetValue(once), ct));

var dropFiles = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Files to upload into the articles container." };
var drop = new Command("drop", "Upload files into the articles container.") { dropFiles };
drop.SetAction((result, ct) => LocalCommands.DropAsync(result.GetValue(dropFiles)!, ct));

var replayFolder = new Argument<DirectoryInfo>("folder") { Description = "Articles to replay, in file-name order." };
var replayOut = new Option<FileInfo>("--out") { Required = true, Description = "JSON Lines output (event, alert and quarantine records)." };
var replayGold = new Option<FileInfo?>("--gold") { Description = "A gold file: print the score of shared/tools/score.py." };
var replay = new Command("replay", "Replay a folder through extraction and change detection in memory.") { replayFolder, replayOut, replayGold };
replay.SetAction((result, ct) => LocalCommands.ReplayAsync(result.GetValue(replayFolder)!, result.GetValue(replayOut)!, result.GetValue(replayGold), ct));

var explainFile = new Argument<FileInfo>("file") { Description = "An article file (the files before it in its folder are applied first)." };
var explainAlone = new Option<bool>("--alone") { Description = "Apply the article alone, not after the earlier files of its folder." };
var explain = new Command("explain", "Why each event of an article was coded: rules, vetoes, modality cues, place and day, and whether it alerted.") { explainFile, explainAlone };
explain.SetAction((result, ct) => LocalCommands.ExplainAsync(result.GetValue(explainFile)!, result.GetValue(explainAlone), ct));

var previewId = new Argument<string>("alert-id") { Description = "The id of a stored alert (printed by ./alerts run)." };
var previewOut = new Option<FileInfo?>("--out") { Description = "Where to write the HTML (default: .alerts/previews/<alert-id>.html)." };
var preview = new Command("preview", "Render a stored alert's email and Teams card, as a subscriber sees them, to an HTML file.") { previewId, previewOut };
preview.SetAction((result, ct) => LocalCommands.PreviewAsync(result.GetValue(previewId)!, result.GetValue(previewOut), ct));

var poisonList = new Command("list", "What each poison queue holds and why: message count, article or alert id, last error.");
poisonList.SetAction((_, ct) => LocalCommands.PoisonAsync(retry: false, queue: null, ct));
var poisonQueue = new Option<string?>("--queue") { Description = "Only this poison queue (webjobs-blobtrigger-poison, article-events-poison, alert-deliveries-poison)." };
var poisonRetry = new Command("retry", "Put poisoned messages back on their queue (a poisoned blob is triggered again); idempotent steps send nothing twice.") { poisonQueue };
poisonRetry.SetAction((result, ct) => LocalCommands.PoisonAsync(retry: true, result.GetValue(poisonQueue), ct));
var poison = new Command("poison", "List or retry what the trigger engine gave up on.") { poisonList, poisonRetry };

root.Subcommands.Add(run);
root.Subcommands.Add(drop);
root.Subcommands.Add(replay);
root.Subcommands.Add(preview);
root.Subcommands.Add(explain);
root.Subcommands.Add(poison);
return await root.Parse(args).InvokeAsync();
