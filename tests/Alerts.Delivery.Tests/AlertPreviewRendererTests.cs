using System.Text.RegularExpressions;
using Alerts.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

public sealed class AlertPreviewRendererTests
{
    private static AlertPreviewRenderer Renderer(IDocumentStore store) => new(new AlertComposer(), store, Options.Create(new DeliveryOptions()));

    [Fact]
    public async Task RenderAsync_StoredAlert_PageShowsSubjectBothBodiesAndCard()
    {
        var page = await Renderer(TestAlerts.StoreWith(TestAlerts.Attack())).RenderAsync("b7d210", CancellationToken.None);

        Assert.Contains("<title>Preview: Attack: drones hit Drossel Depot</title>", page);
        Assert.Contains("<iframe sandbox=\"\"", page);
        Assert.Contains("<pre>Attack: drones hit Drossel Depot", page);
        Assert.Contains("Teams card (Adaptive Card 1.4", page);
        Assert.Contains("<th>Killed</th><td>2</td>", page);
        Assert.Contains("class=\"action\" rel=\"noopener noreferrer\" href=\"https://news.example.org/varnia-walkout\"", page);
    }

    [Fact]
    public async Task RenderAsync_UnknownAlert_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => Renderer(new InMemoryDocumentStore()).RenderAsync("nope", CancellationToken.None));
    }

    [Fact]
    public void Render_HostileAlert_PageIsInert()
    {
        var page = Renderer(new InMemoryDocumentStore()).Render(TestAlerts.Hostile());

        Assert.DoesNotMatch("(?i)<script", page);
        Assert.DoesNotMatch("(?i)<img", page);
        Assert.DoesNotMatch("(?i)href=\"(javascript|data):", page);
        Assert.Contains("default-src 'none'", page);
        Assert.Contains("[click](javascript:alert(1))", page);
        Assert.Equal(1, Regex.Count(page, "class=\"action\""));
    }
}
