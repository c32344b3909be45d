using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Language;

/// <summary>Sends the resource key as <c>Ocp-Apim-Subscription-Key</c>, read on every attempt so a rotated key takes effect.</summary>
internal sealed class SubscriptionKeyPolicy(AzureKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public const string HeaderName = "Ocp-Apim-Subscription-Key";

    public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(HeaderName, credential.Key);
}
