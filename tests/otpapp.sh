# SPDX-License-Identifier: GPL-2.0-or-later
# otpapp.sh - small OTP applications for the functional tests. Sourced after
# lib.sh (node.sh is not needed), never run.
#
# mkotpapp LIBDIR NAME VSN [deps=A,B] [incl=C,D] [crash] [badchange] [lib]
#	Write the Erlang source under $T/otpapp/NAME-VSN and compile it with
#	erlc into LIBDIR/NAME-VSN/ebin, with NAME.app: vsn VSN, modules and
#	registered names listed, applications [kernel, stdlib, A, B],
#	included_applications [C, D], mod {NAME_app, []}. NAME is a lowercase
#	atom, VSN a plain version such as 1.0. On failure calls fail with the
#	erlc output and returns 1. The modules:
#	NAME_app   the application callback: start/2 logs "start NAME", then
#	           starts NAME_sup; stop/1 logs "stop NAME".
#	NAME_sup   supervisor, registered; init/1 logs "sup NAME"; children:
#	           NAME_srv, then C_sup:start_link(), D_sup:start_link(), ...
#	           (an included application is started by its includer).
#	NAME_srv   gen_server registered as NAME_srv: gen_server:call(NAME_srv,
#	           ping) is {NAME, "VSN"}; code_change/3 logs "change NAME VSN"
#	           (VSN being the new code's).
#	NAME_lazy  called by nothing: NAME_lazy:hello() is {NAME, "VSN", lazy}.
#	crash      start/2 logs "start NAME", then returns
#	           {error, {crashed_on_purpose, NAME}}, so application:start
#	           gives {error, {{crashed_on_purpose, NAME}, {NAME_app, start,
#	           [normal, []]}}}.
#	badchange  code_change/3 logs "change NAME VSN", then raises
#	           error({bad_code_change, NAME, State}).
#	lib        a library application: NAME_lazy only, no mod.
#
# The log: each of those lines is appended to the file named by the node's
# ERLRC_TEST_LOG environment variable (inherited from the test at
# node_start; node.sh sets it to $T/apps.log), if set. So starting an
# application X logs "start X" (its dependencies having logged theirs
# before), then "sup X", then "sup I" for each application I it includes,
# in the order of incl=; an included application never logs "start I".
# Stopping logs "stop X" after X's processes are gone.

mkotpapp() {
	local libdir=$1 name=$2 vsn=$3 deps= incl= crash= badchange= lib=
	local src=$T/otpapp/$2-$3 ebin=$1/$2-$3/ebin opt a children= apps mods
	local regs= modline=
	local log body change
	shift 3 || { fail "mkotpapp: LIBDIR NAME VSN needed"; return 1; }
	for opt; do
		case $opt in
		deps=*) deps=${opt#deps=} ;;
		incl=*) incl=${opt#incl=} ;;
		crash) crash=1 ;;
		badchange) badchange=1 ;;
		lib) lib=1 ;;
		*) fail "mkotpapp: unknown option '$opt'"; return 1 ;;
		esac
	done
	for a in "$name" ${deps//,/ } ${incl//,/ }; do
		[[ $a =~ ^[a-z][a-z0-9_]*$ ]] ||
		    { fail "mkotpapp: '$a' is not a simple atom"; return 1; }
	done
	[[ $vsn =~ ^[0-9A-Za-z._+~-]+$ ]] ||
	    { fail "mkotpapp: bad version '$vsn'"; return 1; }
	[ -z "$lib" ] || [ -z "$incl$crash$badchange" ] ||
	    { fail "mkotpapp: lib with incl, crash or badchange"; return 1; }
	rm -rf "$src" "$ebin" && mkdir -p "$src" "$ebin" || return 1

	# the same logging function in every module, so that none needs another
	log='
log(Line) ->
    case os:getenv("ERLRC_TEST_LOG") of
        false -> ok;
        "" -> ok;
        File -> ok = file:write_file(File, [Line, "\n"], [append])
    end.'

	cat >"$src/${name}_lazy.erl" <<-EOF
	-module(${name}_lazy).
	-export([hello/0]).
	hello() -> {$name, "$vsn", lazy}.
	EOF
	mods=${name}_lazy
	if [ -z "$lib" ]; then
		mods="${name}_app, ${name}_sup, ${name}_srv, $mods"
		regs="${name}_sup, ${name}_srv"
		modline=",
  {mod, {${name}_app, []}}"
		body="${name}_sup:start_link()"
		[ -z "$crash" ] || body="{error, {crashed_on_purpose, $name}}"
		change="{ok, State}"
		[ -z "$badchange" ] ||
		    change="erlang:error({bad_code_change, $name, State})"
		for a in ${incl//,/ }; do
			children+=",
          #{id => ${a}_sup, start => {${a}_sup, start_link, []},
            type => supervisor}"
		done
		cat >"$src/${name}_app.erl" <<-EOF
		-module(${name}_app).
		-behaviour(application).
		-export([start/2, stop/1]).
		start(_Type, _Args) ->
		    log("start $name"),
		    $body.
		stop(_State) ->
		    log("stop $name"),
		    ok.
		$log
		EOF
		cat >"$src/${name}_sup.erl" <<-EOF
		-module(${name}_sup).
		-behaviour(supervisor).
		-export([start_link/0, init/1]).
		start_link() ->
		    supervisor:start_link({local, ${name}_sup}, ?MODULE, []).
		init([]) ->
		    log("sup $name"),
		    {ok, {#{strategy => one_for_one, intensity => 1, period => 5},
		          [#{id => ${name}_srv,
		             start => {${name}_srv, start_link, []}}$children]}}.
		$log
		EOF
		cat >"$src/${name}_srv.erl" <<-EOF
		-module(${name}_srv).
		-behaviour(gen_server).
		-export([start_link/0, init/1, handle_call/3, handle_cast/2,
		         code_change/3]).
		start_link() ->
		    gen_server:start_link({local, ${name}_srv}, ?MODULE, [], []).
		init([]) -> {ok, nostate}.
		handle_call(ping, _From, State) -> {reply, {$name, "$vsn"}, State};
		handle_call(_Other, _From, State) -> {reply, {error, unknown}, State}.
		handle_cast(_Msg, State) -> {noreply, State}.
		code_change(_OldVsn, State, _Extra) ->
		    log("change $name $vsn"),
		    $change.
		$log
		EOF
	fi

	apps="kernel, stdlib${deps:+, ${deps//,/, }}"
	cat >"$ebin/$name.app" <<-EOF
	{application, $name,
	 [{description, "erlrc test application $name"},
	  {vsn, "$vsn"},
	  {modules, [$mods]},
	  {registered, [$regs]},
	  {applications, [$apps]},
	  {included_applications, [${incl//,/, }]}$modline]}.
	EOF
	erlc +warnings_as_errors -o "$ebin" "$src"/*.erl >"$src/erlc.log" 2>&1 ||
	    {
		fail "mkotpapp $name $vsn: erlc failed"
		sed 's/^/  erlc: /' "$src/erlc.log"
		return 1
	    }
}
