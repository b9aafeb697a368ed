namespace Quartermaster.Deployment.Tests.Infrastructure;

/// <summary>One emulated image build and one rendering of the manifests, shared by every test.</summary>
[CollectionDefinition(Name)]
public sealed class DeploymentCollection : ICollectionFixture<ImageBuild>, ICollectionFixture<Manifests>
{
    public const string Name = "deployment";
}
