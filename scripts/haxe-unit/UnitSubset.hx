// scripts/haxe-unit/UnitSubset.hx: a second main for Haxe 4.2.5's tests/unit (compiled beside the
// suite's own sources by scripts/haxe-unit.sh when HLFFI_UNIT_CLASSES is set; nothing of the suite
// is edited). It makes the same test classes as the suite's unit.TestMain does for HashLink, keeps
// those whose class name matches one of the regular expressions given as arguments (none: all),
// and runs them with the same utest report (summary lines, exit code). Each test's name and time go
// to stderr as it ends, so a slow run (HLFFI_GC_STRESS=1) shows how far it got.
import unit.*;
import utest.Runner;
import utest.ui.Report;

class UnitSubset {
	static function main() {
		var patterns = [for (a in Sys.args()) new EReg(a, "")];
		// The classes and conditions of unit.TestMain's list, for the hl target.
		var classes:Array<Dynamic> = [
			new TestOps(), new TestBasetypes(), new TestExceptions(), new TestBytes(), new TestIO(),
			new TestLocals(), new TestEReg(), new TestXML(), new TestMisc(), new TestJson(),
			new TestResource(), new TestInt64(), new TestReflect(), new TestSerialize(),
			new TestSerializerCrossTarget(), new TestMeta(), new TestType(), new TestOrder(), new TestGADT(),
			new TestGeneric(), new TestArrowFunctions(), new TestCasts(), new TestSyntaxModule(),
			new TestNull(), new TestNumericCasts(), new TestHashMap(), new TestRest(),
			#if !no_http new TestHttp(), #end
			#if !no_pattern_matching new TestMatch(), #end
			new TestHL(), new TestOverloadsForEveryone(), new TestInterface(), new TestNaN(),
			#if ((dce == "full") && !interp) new TestDCE(), #end
			new TestMapComprehension(), new TestMacro(), new TestKeyValueIterator(),
			new TestFieldVariance(), new TestConstrainedMonomorphs()
		];
		for (specClass in UnitBuilder.generateSpec("src/unitstd"))
			classes.push(specClass);
		// These macros push onto the local named `classes`.
		TestIssues.addIssueClasses("src/unit/issues", "unit.issues");
		TestIssues.addIssueClasses("src/unit/hxcpp_issues", "unit.hxcpp_issues");

		var runner = new Runner();
		var chosen = [];
		for (c in classes) {
			var name = Type.getClassName(Type.getClass(c));
			if (patterns.length == 0 || Lambda.exists(patterns, p -> p.match(name))) {
				chosen.push(name);
				runner.addCase(c);
			}
		}
		Sys.stderr().writeString("subset: " + chosen.length + " classes: " + chosen.join(" ") + "\n");
		var started = 0.0;
		runner.onTestStart.add(h -> started = Sys.time());
		runner.onTestComplete.add(h -> {
			var name = Type.getClassName(Type.getClass(h.fixture.target)) + "." + h.fixture.method;
			Sys.stderr().writeString("subset: done " + name + " " + Math.round((Sys.time() - started) * 100) / 100 + "s\n");
		});
		var report = Report.create(runner);
		report.displayHeader = AlwaysShowHeader;
		report.displaySuccessResults = NeverShowSuccessResults;
		runner.run();
	}
}
