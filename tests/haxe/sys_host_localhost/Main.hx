// sys.net.Host: dotted IPv4 text in inet_addr's forms, names from /etc/hosts, the ip as an Int in
// network byte order, toString, reverse lookup, Host.localhost (machine-specific: not printed).
import sys.net.Host;

class Main {
	static function show(name:String) {
		try {
			var h = new Host(name);
			Sys.println(name + " -> " + h.toString() + " ip " + h.ip + " host " + h.host);
		} catch (e:Dynamic) {
			Sys.println(name + " -> error " + e);
		}
	}

	static function main() {
		show("127.0.0.1");
		show("127.1");
		show("0x7f.0.0.2");
		show("10.20.30.40");
		show("0.0.0.0");
		show("255.255.255.254");
		show("localhost");
		Sys.println("reverse 127.0.0.1: " + new Host("127.0.0.1").reverse());
		var local = Host.localhost();
		Sys.println("localhost name: " + (local.length > 0));
		var h = new Host("192.168.1.2");
		Sys.println("ip bytes: " + (h.ip & 0xFF) + "." + ((h.ip >> 8) & 0xFF) + "." + ((h.ip >> 16) & 0xFF) + "." + ((h.ip >>> 24) & 0xFF));
	}
}
