using System.ComponentModel.DataAnnotations;

namespace Alerts.Core;

/// <summary>Settings of the pipeline's own steps.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// Largest serialized <c>article-events</c> message sent inline. Queue messages hold 64 KiB after Base64 (which adds a third),
    /// so the default leaves room; larger messages travel as a state document and the message carries its path.
    /// </summary>
    [Range(1_024, 48_000)]
    public int MaxInlineMessageBytes { get; set; } = 45_000;
}
