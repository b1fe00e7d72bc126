using KSail.Testing.TestBed;

// The test bed's control plane, shared by this assembly's tests and started by the first that asks for it.
[assembly: AssemblyFixture(typeof(ControlPlane))]
