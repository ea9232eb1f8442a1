%% sup - two behaviours, one in each spelling, and an integer -vsn.
-module(sup).
-behavior(supervisor).
-behaviour(application).
-vsn(42).
-export([start/2, stop/1, init/1]).

start(_Type, _Args) ->
	supervisor:start_link(?MODULE, []).

stop(_State) ->
	ok.

init([]) ->
	{ok, {#{strategy => one_for_one}, []}}.
