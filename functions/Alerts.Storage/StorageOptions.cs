using System.ComponentModel.DataAnnotations;
using Alerts.Core;

namespace Alerts.Storage;

/// <summary>Which storage connection and containers the product uses. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// The connection setting, resolved like the Functions host does: a connection string in <c>{ConnectionName}</c>, or
    /// identity-based <c>{ConnectionName}__blobServiceUri</c> / <c>__queueServiceUri</c> / <c>__accountName</c> / <c>__credential</c> / <c>__clientId</c>.
    /// </summary>
    [Required]
    public string ConnectionName { get; set; } = PipelineNames.StorageConnection;

    /// <summary>Container of <see cref="BlobDocumentStore"/>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Container names are 3-63 lower-case letters, digits and single hyphens.")]
    public string StateContainer { get; set; } = PipelineNames.StateContainer;

    /// <summary>Container of <see cref="BlobQuarantine"/>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Container names are 3-63 lower-case letters, digits and single hyphens.")]
    public string QuarantineContainer { get; set; } = PipelineNames.QuarantineContainer;

    /// <summary>
    /// Retries of a failed storage request, for every storage client (the trigger engine's too), with Azure.Core's exponential
    /// back-off from 0.8 s: the default 6 ride out about 50 s of an unreachable account, so work in flight when storage blips
    /// (a send already made, its record not yet written) completes instead of being repeated.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 6;
}
