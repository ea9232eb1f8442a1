%% sensorlog - a log of events in memory: the last 100, newest first.
-module(sensorlog).
-behaviour(gen_server).
-vsn("1.0").
-export([start_link/0, log/1, recent/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3]).

-define(KEEP, 100).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% log(Event): remember Event. Never fails, even when the server is not
%% running.
log(Event) ->
    gen_server:cast(?MODULE, {log, Event}).

%% recent() -> [Event]: the events logged, newest first.
recent() ->
    gen_server:call(?MODULE, recent).

init([]) ->
    {ok, []}.

handle_call(recent, _From, Events) ->
    {reply, Events, Events};
handle_call(_Request, _From, Events) ->
    {reply, {error, unknown_call}, Events}.

handle_cast({log, Event}, Events) ->
    {noreply, lists:sublist([Event | Events], ?KEEP)};
handle_cast(_Msg, Events) ->
    {noreply, Events}.

handle_info(_Info, Events) ->
    {noreply, Events}.

terminate(_Reason, _Events) ->
    ok.

code_change(_OldVsn, Events, _Extra) ->
    {ok, Events}.
