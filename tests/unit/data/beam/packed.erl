%% packed - compiled with the compressed option: a gzip file.
-module(packed).
-behaviour(gen_event).
-export([init/1, handle_event/2, handle_call/2, code_change/3]).

init(Args) ->
	{ok, Args}.

handle_event(Event, State) ->
	io:format("~p~n", [Event]),
	{ok, State}.

handle_call(Request, State) ->
	{ok, Request, State}.

code_change(_OldVsn, State, _Extra) ->
	{ok, State}.
