using KSail.Testing.TestBed;

[assembly: AssemblyFixture(typeof(ControlPlane))]
