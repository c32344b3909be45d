using System.ComponentModel.DataAnnotations;

namespace Alerts.Language;

/// <summary>Settings of the optional Azure AI Language enrichment. Nothing is registered unless <see cref="Endpoint"/> is set.</summary>
public sealed class LanguageOptions : IValidatableObject
{
    public const string SectionName = "Extraction:Language";

    /// <summary>The resource endpoint, for example <c>https://my-language.cognitiveservices.azure.com/</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Resource key sent as <c>Ocp-Apim-Subscription-Key</c>; when absent the client uses Entra ID (<c>DefaultAzureCredential</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of a user-assigned managed identity, used only without <see cref="ApiKey"/>.</summary>
    public string? ClientId { get; set; }

    [Required]
    [RegularExpression(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    public string ApiVersion { get; set; } = "2024-11-01";

    [Required]
    public string ModelVersion { get; set; } = "latest";

    [Required]
    [StringLength(16, MinimumLength = 2)]
    public string Language { get; set; } = "en";

    /// <summary>Entities below this confidence are ignored.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.6;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is null)
        {
            yield return new ValidationResult("Extraction:Language:Endpoint is required when the Language section is used.", [nameof(Endpoint)]);
        }
        else if (!IsAllowedEndpoint(Endpoint))
        {
            yield return new ValidationResult(
                "Extraction:Language:Endpoint must be an absolute https URI (http is allowed only for 127.0.0.1 or localhost).", [nameof(Endpoint)]);
        }
    }

    internal static bool IsAllowedEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri
        && (endpoint.Scheme == Uri.UriSchemeHttps
            || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.Host is "127.0.0.1" or "localhost"));
}
