using Azure.Core;

namespace Alerts.Language;

/// <summary>Options of <see cref="TextAnalysisClient"/>: the Azure.Core pipeline settings (retry honours <c>Retry-After</c>) plus the service parameters.</summary>
public sealed class TextAnalysisClientOptions : ClientOptions
{
    /// <summary>The analyze-text <c>api-version</c>.</summary>
    public string ApiVersion { get; set; } = "2024-11-01";

    /// <summary>The model version sent as <c>parameters.modelVersion</c>.</summary>
    public string ModelVersion { get; set; } = "latest";

    /// <summary>Language of documents that don't name their own.</summary>
    public string DefaultLanguage { get; set; } = "en";
}
