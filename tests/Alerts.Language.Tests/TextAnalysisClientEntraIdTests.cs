using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Moq;

namespace Alerts.Language.Tests;

public sealed class TextAnalysisClientEntraIdTests
{
    [Fact]
    public async Task RecognizeEntitiesAsync_WithTokenCredentialOverHttps_SendsBearerTokenForCognitiveServicesScope()
    {
        using var certificate = CreateLoopbackCertificate();
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, []), certificate);
        var credential = new Mock<TokenCredential>();
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessToken("entra-token-1", DateTimeOffset.UtcNow.AddHours(1)));
        var options = new TextAnalysisClientOptions
        {
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            }),
        };
        var client = new TextAnalysisClient(listener.Endpoint, credential.Object, options);

        await client.RecognizeEntitiesAsync([new TextDocument("1", "Quiet night.")]);

        var request = Assert.Single(listener.Requests);
        Assert.Equal("Bearer entra-token-1", request.Header("Authorization"));
        Assert.Null(request.Header("Ocp-Apim-Subscription-Key"));
        credential.Verify(c => c.GetTokenAsync(It.Is<TokenRequestContext>(t => t.Scopes.SequenceEqual(new[] { TextAnalysisClient.DefaultScope })), It.IsAny<CancellationToken>()));
        Assert.Equal("https://cognitiveservices.azure.com/.default", TextAnalysisClient.DefaultScope);
    }

    private static X509Certificate2 CreateLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
